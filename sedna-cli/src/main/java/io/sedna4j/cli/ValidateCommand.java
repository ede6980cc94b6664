package io.sedna4j.cli;

import io.sedna4j.api.Manifest;
import io.sedna4j.api.Problem;
import io.sedna4j.api.v1alpha1.Resource;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sedna validate -f FILE...}: every problem of every file, with its place and fix. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check Sedna manifests without applying them: syntax, kinds, required fields and types "
                + "(as Sedna's CRDs), algorithm names, trigger operators and time windows, URLs, resource "
                + "quantities, names, and references between the documents of a file.",
            "Prints 'OK file (Kind/name)' per resource, or every problem as 'file:line:column: error: path: "
                + "message' with a fix. Exits 0 when no file has an error, 1 otherwise."})
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE",
            description = "A manifest file, a directory of them (.yaml, .yml, .json), or - for standard input. "
                    + "Repeat for more.")
    List<String> files;

    @Option(names = {"-R", "--recursive"}, description = "Look into the subdirectories of directories given with -f.")
    boolean recursive;

    @Option(names = {"-q", "--quiet"}, description = "Print only problems, not the OK lines and warnings.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        int errors = 0;
        int warnings = 0;
        int resources = 0;
        List<Manifest> manifests = ManifestFiles.read(files, recursive);
        for (Manifest m : manifests) {
            for (Problem p : m.problems()) {
                if (p.isError()) {
                    errors++;
                } else {
                    warnings++;
                }
                if (p.isError() || !quiet) {
                    out.println(p.format());
                }
            }
            for (Resource<?, ?> r : m.resources()) {
                resources++;
                if (!quiet) {
                    out.println("OK " + m.file() + " (" + r.kind + "/" + r.metadata.name + ")");
                }
            }
        }
        if (!quiet || errors > 0) {
            out.println(summary(manifests.size(), resources, errors, warnings));
        }
        return errors == 0 ? 0 : 1;
    }

    private static String summary(int files, int resources, int errors, int warnings) {
        return plural(files, "file") + ", " + plural(resources, "valid resource") + ", " + plural(errors, "error")
                + ", " + plural(warnings, "warning");
    }

    private static String plural(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
