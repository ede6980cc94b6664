package io.sedna4j.cli;

import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.cli.client.GmClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sedna delete -f FILE...} or {@code sedna delete KIND NAME...}: deletes resources; their workers stop. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete the resources of Sedna manifests (-f), or of a kind by name. Their workers are stopped.")
final class DeleteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions server;

    @Option(names = {"-f", "--filename"}, paramLabel = "FILE",
            description = "A manifest file, a directory of them, or - for standard input. Repeat for more.")
    List<String> files;

    @Option(names = {"-R", "--recursive"}, description = "Look into the subdirectories of directories given with -f.")
    boolean recursive;

    @Parameters(paramLabel = "KIND NAME", description = "A kind (name, plural or short name: ji, il, fl, …) and names.")
    List<String> kindAndNames = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<String[]> targets = new ArrayList<>();
        if (files != null) {
            List<Resource<?, ?>> resources = ManifestFiles.resourcesOrReport(ManifestFiles.read(files, recursive),
                    spec.commandLine().getErr());
            if (resources == null) {
                return 1;
            }
            for (Resource<?, ?> r : resources) {
                String ns = r.metadata.namespace == null ? server.namespace : r.metadata.namespace;
                targets.add(new String[] {r.kind, ns, r.metadata.name});
            }
        } else if (kindAndNames.size() >= 2) {
            Kind kind = Kind.parse(kindAndNames.get(0));
            kindAndNames.subList(1, kindAndNames.size())
                    .forEach(n -> targets.add(new String[] {kind.kindName(), server.namespace, n}));
        } else {
            spec.commandLine().getErr().println("sedna delete: give -f FILE, or a kind and names: "
                    + "'sedna delete ji my-service'");
            return 2;
        }
        GmClient client = server.client();
        int missing = 0;
        for (String[] t : targets) {
            Kind kind = Kind.parse(t[0]);
            if (client.delete(kind, t[1], t[2])) {
                out.println(kind.kindName().toLowerCase() + "/" + t[2] + " deleted");
            } else {
                spec.commandLine().getErr().println(kind.kindName() + " " + t[1] + "/" + t[2] + " not found");
                missing++;
            }
        }
        return missing == 0 ? 0 : 1;
    }
}
