package io.sedna4j.gm.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.gm.Json;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Enough of Kubernetes' API discovery for {@code kubectl --server=http://127.0.0.1:9000} to find the sedna.io kinds
 * (with their short names ji, il, fl, …), nodes and pods. There is no OpenAPI document: the GM validates every
 * write itself, so kubectl runs with {@code --validate=false}.
 */
final class Discovery {
    static final String VERSION = "0.1.0";
    private static final List<String> VERBS = List.of("create", "delete", "get", "list", "patch", "update", "watch");

    private final Supplier<String> serverAddress;

    Discovery(Supplier<String> serverAddress) {
        this.serverAddress = serverAddress;
    }

    void install(RoutesConfig routes) {
        routes.get("/api", ctx -> ResourceRoutes.json(ctx, 200, apiVersions()));
        routes.get("/api/v1", ctx -> ResourceRoutes.json(ctx, 200, coreResources()));
        routes.get("/apis", ctx -> ResourceRoutes.json(ctx, 200, groups()));
        routes.get("/apis/" + Resource.GROUP, ctx -> ResourceRoutes.json(ctx, 200, Json.write(group())));
        routes.get(ResourceRoutes.GROUP_PATH, ctx -> ResourceRoutes.json(ctx, 200, sednaResources()));
        routes.get("/version", ctx -> ResourceRoutes.json(ctx, 200, version()));
        routes.get("/healthz", ctx -> ctx.contentType("text/plain").result("ok"));
    }

    private String apiVersions() {
        ObjectNode o = Json.object();
        o.put("kind", "APIVersions");
        o.putArray("versions").add("v1");
        o.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0")
                .put("serverAddress", serverAddress.get());
        return Json.write(o);
    }

    private static String groups() {
        ObjectNode o = Json.object();
        o.put("kind", "APIGroupList");
        o.put("apiVersion", "v1");
        o.putArray("groups").add(group());
        return Json.write(o);
    }

    private static ObjectNode group() {
        ObjectNode g = Json.object();
        g.put("kind", "APIGroup");
        g.put("apiVersion", "v1");
        g.put("name", Resource.GROUP);
        ObjectNode version = Json.object().put("groupVersion", Resource.API_VERSION).put("version", Resource.VERSION);
        g.putArray("versions").add(version);
        g.set("preferredVersion", version.deepCopy());
        return g;
    }

    private static String sednaResources() {
        ObjectNode o = resourceList(Resource.API_VERSION);
        ArrayNode resources = (ArrayNode) o.get("resources");
        for (Kind k : Kind.values()) {
            ObjectNode r = resources.addObject();
            r.put("name", k.plural());
            r.put("singularName", k.kindName().toLowerCase(Locale.ROOT));
            r.put("namespaced", true);
            r.put("kind", k.kindName());
            VERBS.forEach(r.putArray("verbs")::add);
            if (!k.shortNames().isEmpty()) {
                k.shortNames().forEach(r.putArray("shortNames")::add);
            }
            r.putArray("categories").add("sedna");
            ObjectNode status = resources.addObject();
            status.put("name", k.plural() + "/status");
            status.put("singularName", "");
            status.put("namespaced", true);
            status.put("kind", k.kindName());
            List.of("get", "patch", "update").forEach(status.putArray("verbs")::add);
        }
        return Json.write(o);
    }

    private static String coreResources() {
        ObjectNode o = resourceList("v1");
        ArrayNode resources = (ArrayNode) o.get("resources");
        core(resources, "nodes", "node", false, "Node", List.of("get", "list"), "no");
        core(resources, "pods", "pod", true, "Pod", List.of("get", "list"), "po");
        core(resources, "pods/log", "", true, "Pod", List.of("get"), null);
        return Json.write(o);
    }

    private static void core(ArrayNode resources, String name, String singular, boolean namespaced, String kind,
                             List<String> verbs, String shortName) {
        ObjectNode r = resources.addObject();
        r.put("name", name);
        r.put("singularName", singular);
        r.put("namespaced", namespaced);
        r.put("kind", kind);
        verbs.forEach(r.putArray("verbs")::add);
        if (shortName != null) {
            r.putArray("shortNames").add(shortName);
        }
    }

    private static ObjectNode resourceList(String groupVersion) {
        ObjectNode o = Json.object();
        o.put("kind", "APIResourceList");
        o.put("apiVersion", "v1");
        o.put("groupVersion", groupVersion);
        o.putArray("resources");
        return o;
    }

    /** Kubernetes 1.32's API, as far as kubectl needs to know; gitVersion says what serves it. */
    private static String version() {
        ObjectNode o = Json.object();
        o.put("major", "1");
        o.put("minor", "32");
        o.put("gitVersion", "v1.32.0-sedna4j." + VERSION);
        o.put("gitCommit", "");
        o.put("gitTreeState", "");
        o.put("buildDate", "");
        o.put("goVersion", "");
        o.put("compiler", "java");
        o.put("platform", System.getProperty("os.name").toLowerCase(Locale.ROOT) + "/" + System.getProperty("os.arch"));
        return Json.write(o);
    }
}
