package io.sedna4j.api;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Sedna's own manifests and CRD schemas, as kept in {@code ../shared/sedna-compat} next to the project. Surefire
 * passes their place in the system property {@code sedna.shared.dir}; where they are absent (a fresh clone on its
 * own) the tests that need them are skipped, not failed.
 */
public final class SednaSamples {
    private SednaSamples() {
    }

    /** What a parameterized test is given in place of its arguments when Sedna's manifests are absent. */
    public static final String ABSENT = "(Sedna's manifests are absent)";

    /** {@code <sedna.shared.dir>/sedna-compat}, or the calling test is skipped. */
    public static Path compatDir() {
        assumeTrue(present(), "Sedna's manifests are not available (system property sedna.shared.dir = "
                + System.getProperty("sedna.shared.dir")
                + "); put the shared directory with sedna-compat/ next to the project to run this test");
        return Path.of(System.getProperty("sedna.shared.dir"), "sedna-compat");
    }

    /**
     * Whether Sedna's manifests are here. Argument sources check it instead of skipping, so that each test reports
     * itself skipped, with the reason, rather than silently running no test at all.
     */
    public static boolean present() {
        String shared = System.getProperty("sedna.shared.dir");
        return shared != null && Files.isDirectory(Path.of(shared, "sedna-compat", "samples"));
    }

    /** Sedna's sample manifests: {@code samples/*.yaml} and {@code pedestrian-tracking/*.yaml}, by name. */
    public static List<Path> manifests() {
        Path dir = compatDir();
        return Stream.concat(yamlFiles(dir.resolve("samples")), yamlFiles(dir.resolve("pedestrian-tracking"))).toList();
    }

    /** Sedna's CRD files, {@code crds/*.yaml}; the calling test is skipped when they are absent. */
    public static List<Path> crds() {
        Path dir = compatDir().resolve("crds");
        assumeTrue(Files.isDirectory(dir), "Sedna's CRD schemas are not available at " + dir);
        return yamlFiles(dir).toList();
    }

    /** A file's name relative to sedna-compat, e.g. {@code samples/model_v1alpha1.yaml}, for test names. */
    public static String name(Path file) {
        return file.getParent().getFileName() + "/" + file.getFileName();
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> yamlFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
