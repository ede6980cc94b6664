package io.sedna4j.gm.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.sedna4j.api.link.WorkerPhase;
import io.sedna4j.api.link.WorkerSpec;
import io.sedna4j.api.link.WorkerStatus;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.control.node.Node;
import io.sedna4j.gm.Json;
import io.sedna4j.gm.node.Nodes;
import io.sedna4j.gm.worker.StandaloneWorkerPlatform;
import io.sedna4j.gm.worker.StandaloneWorkerPlatform.Worker;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The core API's view of a standalone cluster: nodes from the LCs' heartbeats as {@code Node}s, workers as minimal
 * {@code Pod}s (name, node, phase, restarts, owner), and workers' logs ({@link WorkerLogs}).
 */
final class NodeRoutes {
    private static final Tables.Layout NODES = new Tables.Layout(List.of(Tables.NAME,
            new Tables.Column("Status", "", "Ready while the node's Local Controller sends heartbeats.", 0),
            new Tables.Column("Roles", "", "The node's roles (node-role.kubernetes.io labels).", 0), Tables.AGE,
            new Tables.Column("Version", "", "The Local Controller's version.", 0),
            new Tables.Column("Internal-IP", "", "Where workers on other nodes reach this node's workers.", 1)),
            n -> List.of(Tables.name(n), ready(n), roles(n), Tables.age(n),
                    n.path("status").path("nodeInfo").path("kubeletVersion").asText(""),
                    n.path("status").path("addresses").path(0).path("address").asText("<none>")));

    private static final Tables.Layout PODS = new Tables.Layout(List.of(Tables.NAME,
            new Tables.Column("Ready", "", "Running containers of all.", 0),
            new Tables.Column("Status", "", "The worker's phase.", 0),
            new Tables.Column("Restarts", "", "Restarts since its spec was applied.", 0), Tables.AGE,
            new Tables.Column("Node", "", "The node the worker runs on.", 1)),
            p -> {
                JsonNode cs = p.path("status").path("containerStatuses").path(0);
                return List.of(Tables.name(p), (cs.path("ready").asBoolean() ? "1" : "0") + "/1", podStatus(p),
                        cs.path("restartCount").asInt(), Tables.age(p), p.path("spec").path("nodeName").asText("<none>"));
            });

    private final Nodes nodes;
    private final StandaloneWorkerPlatform workers;
    private final WorkerLogs logs;

    NodeRoutes(Nodes nodes, StandaloneWorkerPlatform workers, WorkerLogs logs) {
        this.nodes = nodes;
        this.workers = workers;
        this.logs = logs;
    }

    void install(RoutesConfig routes) {
        routes.get("/api/v1/nodes", this::listNodes);
        routes.get("/api/v1/nodes/{name}", this::getNode);
        routes.get("/api/v1/pods", ctx -> listPods(ctx, null));
        routes.get("/api/v1/namespaces/{ns}/pods", ctx -> listPods(ctx, ctx.pathParam("ns")));
        routes.get("/api/v1/namespaces/{ns}/pods/{name}", this::getPod);
        routes.get("/api/v1/namespaces/{ns}/pods/{name}/log", ctx -> logs.serve(ctx, ctx.pathParam("ns"),
                ctx.pathParam("name"), worker(ctx.pathParam("ns"), ctx.pathParam("name"))));
    }

    private void listNodes(Context ctx) {
        refuseWatch(ctx, "nodes");
        List<JsonNode> items = new ArrayList<>();
        Predicate<JsonNode> selector = Selectors.of(ctx.queryParam("labelSelector"), ctx.queryParam("fieldSelector"));
        for (Nodes.Known k : nodes.known()) {
            JsonNode n = node(k);
            if (selector.test(n)) {
                items.add(n);
            }
        }
        respond(ctx, "NodeList", NODES, items);
    }

    private void getNode(Context ctx) {
        String name = ctx.pathParam("name");
        Nodes.Known k = nodes.known().stream().filter(n -> n.node().name().equals(name)).findFirst()
                .orElseThrow(() -> ApiError.notFound("nodes \"" + name + "\" not found; the GM knows a node once its "
                        + "Local Controller connected (sedna lc --node " + name + ")"));
        one(ctx, NODES, node(k));
    }

    private void listPods(Context ctx, String namespace) {
        refuseWatch(ctx, "pods");
        List<JsonNode> items = new ArrayList<>();
        Predicate<JsonNode> selector = Selectors.of(ctx.queryParam("labelSelector"), ctx.queryParam("fieldSelector"));
        for (Worker w : workers.all()) {
            if (namespace == null || namespace.equals(w.spec().owner().namespace())) {
                JsonNode p = pod(w);
                if (selector.test(p)) {
                    items.add(p);
                }
            }
        }
        respond(ctx, "PodList", PODS, items);
    }

    private void getPod(Context ctx) {
        String ns = ctx.pathParam("ns");
        String name = ctx.pathParam("name");
        Worker w = worker(ns, name);
        if (w == null) {
            throw ApiError.notFound("pods \"" + name + "\" not found in namespace " + ns
                    + "; workers are listed with kubectl get pods (or sedna describe on their resource)");
        }
        one(ctx, PODS, pod(w));
    }

    private static void refuseWatch(Context ctx, String what) {
        if (ResourceRoutes.isWatch(ctx)) {
            throw new ApiError(405, "MethodNotAllowed", "watching " + what + " is not supported yet; fix: list them "
                    + "again (kubectl get " + what + ", without -w), or watch the sedna.io resource that owns them");
        }
    }

    private Worker worker(String namespace, String name) {
        return workers.all().stream().filter(w -> w.spec().name().equals(name)
                && namespace.equals(w.spec().owner().namespace())).findFirst().orElse(null);
    }

    private static void respond(Context ctx, String listKind, Tables.Layout layout, List<JsonNode> items) {
        if (Tables.wanted(ctx)) {
            ResourceRoutes.json(ctx, 200, Tables.table(ctx, layout, items, "0"));
            return;
        }
        ObjectNode list = Json.object();
        list.put("apiVersion", "v1");
        list.put("kind", listKind);
        list.putObject("metadata").put("resourceVersion", "0");
        list.putArray("items").addAll(items);
        ResourceRoutes.json(ctx, 200, Json.write(list));
    }

    private static void one(Context ctx, Tables.Layout layout, JsonNode object) {
        ResourceRoutes.json(ctx, 200, Tables.wanted(ctx) ? Tables.table(ctx, layout, List.of(object), "0")
                : Json.write(object));
    }

    static JsonNode node(Nodes.Known k) {
        Node n = k.node();
        ObjectNode o = Json.object();
        o.put("apiVersion", "v1");
        o.put("kind", "Node");
        ObjectNode meta = o.putObject("metadata");
        meta.put("name", n.name());
        meta.put("creationTimestamp", k.firstSeen().toString());
        ObjectNode labels = meta.putObject("labels");
        n.labels().forEach(labels::put);
        o.putObject("spec");
        ObjectNode status = o.putObject("status");
        ObjectNode ready = status.putArray("conditions").addObject();
        ready.put("type", "Ready");
        ready.put("status", n.ready() ? "True" : "Unknown");
        ready.put("lastHeartbeatTime", n.lastHeartbeat() == null ? null : n.lastHeartbeat().toString());
        ready.put("reason", n.ready() ? "LocalControllerReady" : "NodeStatusUnknown");
        ready.put("message", n.ready() ? "the Local Controller sends heartbeats"
                : "the Local Controller stopped sending heartbeats (or has not since the GM started)");
        if (n.address() != null) {
            status.putArray("addresses").addObject().put("type", "InternalIP").put("address", n.address());
        }
        ObjectNode capacity = status.putObject("capacity");
        capacity.put("cpu", Integer.toString(n.cpuCores()));
        capacity.put("memory", n.memoryBytes() / 1024 + "Ki");
        status.set("allocatable", capacity.deepCopy());
        ObjectNode info = status.putObject("nodeInfo");
        info.put("kubeletVersion", k.version() == null ? "" : k.version());
        info.put("cpuLoad", n.cpuLoad());
        info.put("memoryUsed", n.memoryUsed());
        return o;
    }

    static JsonNode pod(Worker w) {
        WorkerSpec spec = w.spec();
        WorkerStatus st = w.status();
        ObjectNode o = Json.object();
        o.put("apiVersion", "v1");
        o.put("kind", "Pod");
        ObjectNode meta = o.putObject("metadata");
        meta.put("name", spec.name());
        meta.put("namespace", spec.owner().namespace());
        if (w.created() != null) {
            meta.put("creationTimestamp", w.created().toString());
        }
        JsonNode template = spec.template() == null ? Json.object() : Json.tree(spec.template());
        ObjectNode labels = meta.putObject("labels");
        template.path("metadata").path("labels").properties().forEach(e -> labels.set(e.getKey(), e.getValue()));
        if (spec.workerType() != null) {
            labels.put("sedna.io/worker-type", spec.workerType());
        }
        meta.putArray("ownerReferences").addObject().put("apiVersion", Resource.API_VERSION)
                .put("kind", spec.owner().kind()).put("name", spec.owner().name()).put("uid", spec.owner().uid())
                .put("controller", true);
        ObjectNode podSpec = template.path("spec") instanceof ObjectNode s ? s.deepCopy() : Json.object();
        podSpec.put("nodeName", spec.node());
        if (spec.restartPolicy() != null) {
            podSpec.put("restartPolicy", spec.restartPolicy());
        }
        o.set("spec", podSpec);
        ObjectNode status = o.putObject("status");
        WorkerPhase phase = st.phase() == null ? WorkerPhase.Pending : st.phase();
        status.put("phase", phase.name());
        status.put("message", st.message());
        ObjectNode cs = status.putArray("containerStatuses").addObject();
        JsonNode container = podSpec.path("containers").path(0);
        cs.put("name", container.path("name").asText(spec.name()));
        cs.put("image", container.path("image").asText(""));
        cs.put("ready", phase == WorkerPhase.Running);
        cs.put("restartCount", st.restarts());
        ObjectNode state = cs.putObject("state");
        switch (phase) {
            case Running -> state.putObject("running").put("startedAt", st.time());
            case Pending -> state.putObject("waiting").put("reason", "Pending").put("message", st.message());
            default -> {
                ObjectNode t = state.putObject("terminated");
                t.put("exitCode", st.exitCode() == null ? 0 : st.exitCode());
                t.put("reason", phase == WorkerPhase.Succeeded ? "Completed" : "Error");
                t.put("finishedAt", st.time());
            }
        }
        return o;
    }

    private static String ready(JsonNode node) {
        return "True".equals(node.path("status").path("conditions").path(0).path("status").asText()) ? "Ready"
                : "NotReady";
    }

    private static String roles(JsonNode node) {
        List<String> roles = new ArrayList<>();
        node.path("metadata").path("labels").fieldNames().forEachRemaining(l -> {
            if (l.startsWith("node-role.kubernetes.io/")) {
                roles.add(l.substring("node-role.kubernetes.io/".length()));
            }
        });
        return roles.isEmpty() ? "<none>" : String.join(",", roles);
    }

    private static String podStatus(JsonNode pod) {
        String phase = pod.path("status").path("phase").asText();
        return switch (phase) {
            case "Succeeded" -> "Completed";
            case "Failed" -> "Error";
            default -> phase;
        };
    }
}
