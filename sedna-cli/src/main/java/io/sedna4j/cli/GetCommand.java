package io.sedna4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedna4j.api.ApiException;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.cli.client.GmClient;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sedna get KIND [NAME] [-o yaml|json|wide]}, {@code sedna get nodes}, {@code sedna get workers}. */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = {"List resources of a kind, or show one. KIND is a kind's name, plural or short name "
                + "(ji, il, fl, ll, fe, va, reid, objs, objt), or 'nodes', or 'workers'."})
final class GetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions server;

    @Parameters(index = "0", paramLabel = "KIND", description = "What to list.")
    String kind;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "Show only this one.")
    String name;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "yaml, json, or wide (more columns).")
    String output;

    @Option(names = {"-A", "--all-namespaces"}, description = "List across all namespaces.")
    boolean allNamespaces;

    @Override
    public Integer call() throws Exception {
        if (output != null && !List.of("yaml", "json", "wide").contains(output)) {
            throw new ApiException("unknown output format \"" + output + "\"; use yaml, json or wide");
        }
        GmClient client = server.client();
        String k = kind.toLowerCase();
        if (List.of("nodes", "node", "no").contains(k)) {
            return print(filter(client.nodes()), this::nodeTable);
        }
        if (List.of("workers", "worker", "pods", "pod", "po").contains(k)) {
            return print(filter(client.workers(server.namespace)), this::workerTable);
        }
        Kind kind = Kind.parse(this.kind);
        List<JsonNode> items;
        if (name != null) {
            items = List.of(client.get(kind, server.namespace, name).orElseThrow(() -> new ApiException(
                    kind.kindName() + " \"" + name + "\" not found in namespace " + server.namespace
                            + "; list them with 'sedna get " + kind.plural() + "'")));
        } else {
            items = client.list(kind, allNamespaces ? null : server.namespace);
        }
        return print(items, list -> resourceTable(list, kind));
    }

    private List<JsonNode> filter(List<JsonNode> items) {
        if (name == null) {
            return items;
        }
        List<JsonNode> found = items.stream().filter(i -> i.path("metadata").path("name").asText().equals(name))
                .toList();
        if (found.isEmpty()) {
            throw new ApiException("\"" + name + "\" not found; run 'sedna get " + kind + "' to list them");
        }
        return found;
    }

    private int print(List<JsonNode> items, java.util.function.Function<List<JsonNode>, Table> table)
            throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if ("json".equals(output) || "yaml".equals(output)) {
            JsonNode shown = items.size() == 1 && name != null ? items.get(0) : list(items);
            out.print("json".equals(output) ? ResourceCodec.toPrettyJson(shown) + "\n"
                    : ResourceCodec.toYaml(shown));
            return 0;
        }
        Table t = table.apply(items);
        if (t.isEmpty()) {
            spec.commandLine().getErr().println("No resources found"
                    + (allNamespaces ? "." : " in namespace " + server.namespace + "."));
            return 0;
        }
        t.print(out);
        return 0;
    }

    private static JsonNode list(List<JsonNode> items) {
        ObjectNode list = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "List");
        ArrayNode array = list.putArray("items");
        items.forEach(array::add);
        return list;
    }

    private Table resourceTable(List<JsonNode> items, Kind kind) {
        boolean wide = "wide".equals(output);
        Table t = allNamespaces ? new Table("NAMESPACE", "NAME", "STATUS", "AGE") : new Table("NAME", "STATUS", "AGE");
        if (wide) {
            t = allNamespaces ? new Table("NAMESPACE", "NAME", "STATUS", "ACTIVE", "FAILED", "AGE", "MESSAGE")
                    : new Table("NAME", "STATUS", "ACTIVE", "FAILED", "AGE", "MESSAGE");
        }
        Instant now = Instant.now();
        for (JsonNode r : items) {
            JsonNode meta = r.path("metadata");
            JsonNode conditions = r.path("status").path("conditions");
            String message = conditions.isArray() && !conditions.isEmpty()
                    ? conditions.get(conditions.size() - 1).path("message").asText("") : "";
            String age = Columns.age(meta.path("creationTimestamp").asText(null), now);
            String[] cells = wide
                    ? new String[] {meta.path("name").asText(), Columns.status(r),
                        r.path("status").path("active").asText(""), r.path("status").path("failed").asText(""),
                        age, message}
                    : new String[] {meta.path("name").asText(), Columns.status(r), age};
            if (allNamespaces) {
                String[] withNs = new String[cells.length + 1];
                withNs[0] = meta.path("namespace").asText();
                System.arraycopy(cells, 0, withNs, 1, cells.length);
                cells = withNs;
            }
            t.row(cells);
        }
        return t;
    }

    private Table nodeTable(List<JsonNode> nodes) {
        boolean wide = "wide".equals(output);
        Table t = wide ? new Table("NAME", "STATUS", "CPU", "MEMORY", "ADDRESS", "LABELS")
                : new Table("NAME", "STATUS", "CPU", "MEMORY");
        for (JsonNode n : nodes) {
            JsonNode capacity = n.path("status").path("capacity");
            String address = n.path("status").path("addresses").path(0).path("address").asText("");
            t.row(n.path("metadata").path("name").asText(), Columns.nodeReady(n), capacity.path("cpu").asText(""),
                    capacity.path("memory").asText(""), address, Columns.labels(n));
        }
        return t;
    }

    private Table workerTable(List<JsonNode> workers) {
        Table t = new Table("NAME", "OWNER", "NODE", "PHASE", "RESTARTS", "MESSAGE");
        for (JsonNode w : workers) {
            JsonNode owner = w.path("metadata").path("ownerReferences").path(0);
            t.row(w.path("metadata").path("name").asText(),
                    owner.isMissingNode() ? "" : owner.path("kind").asText() + "/" + owner.path("name").asText(),
                    w.path("spec").path("nodeName").asText(""), w.path("status").path("phase").asText(""),
                    Columns.restarts(w), Columns.workerMessage(w));
        }
        return t;
    }
}
