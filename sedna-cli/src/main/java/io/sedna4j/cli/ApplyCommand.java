package io.sedna4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.cli.client.GmClient;
import io.sedna4j.control.controllers.Workers;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sedna apply -f FILE...}: creates or updates resources, after checking every file. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Create the resources of Sedna manifests, or update those that exist.",
            "Every file is checked first as 'sedna validate' does; if any has an error, nothing is applied."})
final class ApplyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions server;

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE",
            description = "A manifest file, a directory of them, or - for standard input. Repeat for more.")
    List<String> files;

    @Option(names = {"-R", "--recursive"}, description = "Look into the subdirectories of directories given with -f.")
    boolean recursive;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<Resource<?, ?>> resources = ManifestFiles.resourcesOrReport(ManifestFiles.read(files, recursive),
                spec.commandLine().getErr());
        if (resources == null) {
            return 1;
        }
        GmClient client = server.client();
        for (Resource<?, ?> r : resources) {
            if (r.metadata.namespace == null) {
                r.metadata.namespace = server.namespace;
            }
            Optional<JsonNode> existing = client.get(r.kindInfo(), r.metadata.namespace, r.metadata.name);
            String what;
            if (existing.isEmpty()) {
                client.create(r);
                what = "created";
            } else {
                JsonNode stored = existing.get();
                String retry = stored.path("metadata").path("annotations").path(Workers.RETRY_ANNOTATION).asText(null);
                boolean unchanged = GmClient.userPart(stored).equals(GmClient.userPart(ResourceCodec.toTree(r)));
                if (unchanged && !failed(stored)) {
                    what = "unchanged";
                } else {
                    // keep the retry count; applying a Failed resource unchanged counts one more retry
                    String next = unchanged ? String.valueOf(retry == null ? 1 : Long.parseLong(retry) + 1) : retry;
                    if (next != null) {
                        r.metadata.annotations().put(Workers.RETRY_ANNOTATION, next);
                    }
                    r.metadata.resourceVersion = stored.path("metadata").path("resourceVersion").asText(null);
                    client.replace(r);
                    what = unchanged ? "retried" : "configured";
                }
            }
            out.println(r.kind.toLowerCase() + "/" + r.metadata.name + " " + what);
        }
        return 0;
    }

    /** Whether the resource's latest condition, or its phase, is Failed. */
    private static boolean failed(JsonNode resource) {
        JsonNode status = resource.path("status");
        JsonNode conditions = status.path("conditions");
        String latest = conditions.isArray() && !conditions.isEmpty()
                ? conditions.get(conditions.size() - 1).path("type").asText() : "";
        return latest.equals("Failed") || status.path("phase").asText().equals("Failed");
    }
}
