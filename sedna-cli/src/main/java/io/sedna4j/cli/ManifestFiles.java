package io.sedna4j.cli;

import io.sedna4j.api.Manifest;
import io.sedna4j.api.Problem;
import io.sedna4j.api.v1alpha1.Resource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The files of {@code -f} arguments: a file, a directory of manifests, or - for standard input. */
final class ManifestFiles {
    private static final List<String> EXTENSIONS = List.of(".yaml", ".yml", ".json");

    private ManifestFiles() {
    }

    static List<Manifest> read(List<String> arguments, boolean recursive) throws IOException {
        List<Manifest> manifests = new ArrayList<>();
        for (String f : arguments) {
            manifests.addAll(read(f, recursive));
        }
        return manifests;
    }

    private static List<Manifest> read(String f, boolean recursive) throws IOException {
        if (f.equals("-")) {
            return List.of(Manifest.parse("<stdin>", new String(System.in.readAllBytes(), StandardCharsets.UTF_8)));
        }
        Path path = Path.of(f);
        if (!Files.isDirectory(path)) {
            return List.of(Manifest.read(path));
        }
        List<Manifest> found = new ArrayList<>();
        try (Stream<Path> walk = recursive ? Files.walk(path) : Files.list(path)) {
            walk.filter(p -> Files.isRegularFile(p) && EXTENSIONS.stream().anyMatch(p.toString()::endsWith))
                    .sorted().forEach(p -> found.add(Manifest.read(p)));
        }
        if (found.isEmpty()) {
            found.add(new Manifest(f, List.of(), List.of(new Problem(Problem.Severity.ERROR, f, 0, 0, 0, "",
                    "holds no .yaml, .yml or .json file", recursive ? "give a directory with manifests"
                    : "give a directory with manifests; -R looks into subdirectories too"))));
        }
        return found;
    }

    /**
     * The resources of every file, or null after printing every error when any file has one: commands that
     * change the cluster apply all or nothing.
     */
    static List<Resource<?, ?>> resourcesOrReport(List<Manifest> manifests, PrintWriter err) {
        boolean errors = false;
        for (Manifest m : manifests) {
            for (Problem p : m.problems()) {
                err.println(p.format());
                errors |= p.isError();
            }
        }
        if (errors) {
            err.println("nothing was changed; fix the errors above (check with 'sedna validate -f ...')");
            return null;
        }
        List<Resource<?, ?>> resources = new ArrayList<>();
        manifests.forEach(m -> resources.addAll(m.resources()));
        return resources;
    }
}
