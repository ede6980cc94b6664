package io.sedna4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.sedna4j.api.ApiException;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.cli.client.GmClient;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sedna describe KIND NAME}: conditions as a timeline, workers with node, phase and restarts, metrics. */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Show a resource's condition timeline, its workers (node, phase, restarts) and its metrics.")
final class DescribeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions server;

    @Parameters(index = "0", paramLabel = "KIND", description = "A kind's name, plural or short name (ji, il, …).")
    String kind;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
        Kind k = Kind.parse(kind);
        GmClient client = server.client();
        JsonNode r = client.get(k, server.namespace, name).orElseThrow(() -> new ApiException(k.kindName() + " \""
                + name + "\" not found in namespace " + server.namespace + "; list them with 'sedna get "
                + k.plural() + "'"));
        PrintWriter out = spec.commandLine().getOut();
        JsonNode meta = r.path("metadata");
        JsonNode status = r.path("status");
        out.println("Name:        " + meta.path("name").asText());
        out.println("Namespace:   " + meta.path("namespace").asText());
        out.println("Kind:        " + k.kindName());
        out.println("Created:     " + meta.path("creationTimestamp").asText("") + " ("
                + Columns.age(meta.path("creationTimestamp").asText(null), Instant.now()) + " ago)");
        out.println("Generation:  " + meta.path("generation").asText(""));
        out.println("Status:      " + Columns.status(r));
        for (String field : new String[] {"startTime", "completionTime", "active", "succeeded", "failed"}) {
            if (status.hasNonNull(field)) {
                out.printf("%-13s%s%n", Character.toUpperCase(field.charAt(0)) + field.substring(1) + ":",
                        status.path(field).asText());
            }
        }
        out.println();
        out.println("Conditions:");
        Table conditions = new Table("  TIME", "STAGE", "TYPE", "STATUS", "REASON", "MESSAGE");
        for (JsonNode c : status.path("conditions")) {
            conditions.row("  " + c.path("lastTransitionTime").asText(c.path("lastHeartbeatTime").asText("")),
                    c.path("stage").asText(""), c.path("type").asText(), c.path("status").asText(""),
                    c.path("reason").asText(""), c.path("message").asText(""));
        }
        printOrNone(conditions, out);
        out.println();
        out.println("Workers:");
        Table workers = new Table("  NAME", "NODE", "PHASE", "RESTARTS", "MESSAGE");
        for (JsonNode w : client.workers(server.namespace)) {
            if (Columns.ownedBy(w, k.kindName(), name)) {
                workers.row("  " + w.path("metadata").path("name").asText(), w.path("spec").path("nodeName").asText(""),
                        w.path("status").path("phase").asText(""), Columns.restarts(w), Columns.workerMessage(w));
            }
        }
        printOrNone(workers, out);
        if (status.path("metrics").isArray() && !status.path("metrics").isEmpty()) {
            out.println();
            out.println("Metrics:");
            status.path("metrics").forEach(m -> out.println("  " + m.path("key").asText() + ": "
                    + m.path("value").asText()));
        }
        return 0;
    }

    private static void printOrNone(Table table, PrintWriter out) {
        if (table.isEmpty()) {
            out.println("  <none>");
        } else {
            table.print(out);
        }
    }
}
