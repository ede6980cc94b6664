package io.sedna4j.vision;

import io.sedna4j.lib.inference.Detection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What each person detector costs per frame on the ReID sample video: the edge/cloud trade-off in numbers for
 * docs/benchmarks.md. A harness, not a test (and not JMH: one warm JVM, wall time per call, which is what a worker
 * pays). Frames are decoded once at the given fps; each detector warms up on 3 frames, then runs on all of them.
 *
 * <pre>
 * mvn -q -o dependency:build-classpath -pl sedna-vision -Dmdep.outputFile=/tmp/cp.txt
 * java -Dorg.bytedeco.javacpp.cachedir=target/native-cache/javacpp \
 *      -cp "sedna-vision/target/classes:$(cat /tmp/cp.txt)" io.sedna4j.vision.DetectorCost [video] [fps]
 * </pre>
 * (from the repository root; the DNNs need {@code bin/fetch-models}, else only HOG is measured)
 */
public final class DetectorCost {
    private static final int WARM_UP = 3;

    private DetectorCost() {
    }

    public static void main(String[] args) {
        Path video = Path.of(args.length > 0 ? args[0] : "examples/data/reid-sample/test_video.mp4");
        double fps = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        Path cache = CocoDetector.defaultModelCache();

        List<Image> frames = new ArrayList<>();
        long start = System.nanoTime();
        long decoded;
        try (VideoSource source = VideoSource.open(video.toString(), fps)) {
            source.forEach(f -> frames.add(f.image()));
            decoded = source.decodedFrames();
        }
        double decodeMs = (System.nanoTime() - start) / 1e6;
        System.out.printf(Locale.ROOT, "%s: %d frames at %.0f fps (%d decoded, %.2f ms per decoded frame incl. BGR conversion)%n",
                video, frames.size(), fps, decoded, decodeMs / decoded);
        System.out.printf(Locale.ROOT, "%d cores, Java %s%n%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "%-22s %8s %8s %8s %8s %10s%n", "detector", "mean ms", "p50 ms", "p90 ms", "max ms", "persons/f");

        measure("hog (max side 640)", frames, () -> new HogPersonDetector());
        measure("hog (full 720x1280)", frames, () -> new HogPersonDetector(HogPersonDetector.Options.defaults().withMaxSide(0)));
        for (CocoDetector.Kind kind : CocoDetector.Kind.values()) {
            if (Files.isRegularFile(cache.resolve(CocoDetector.MODEL_DIR).resolve(kind.id() + ".json"))) {
                measure(kind.id(), frames, () -> CocoDetector.open(kind, cache, CocoDetector.Options.persons()));
            } else {
                System.out.printf("%-22s skipped: run bin/fetch-models (looked in %s)%n", kind.id(), cache.toAbsolutePath());
            }
        }
        frames.forEach(Image::close);
    }

    private static void measure(String name, List<Image> frames, Supplier<PersonDetector> factory) {
        try (PersonDetector detector = factory.get()) {
            for (int i = 0; i < Math.min(WARM_UP, frames.size()); i++) {
                detector.detect(frames.get(i));
            }
            double[] ms = new double[frames.size()];
            long persons = 0;
            for (int i = 0; i < frames.size(); i++) {
                long t0 = System.nanoTime();
                List<Detection> found = detector.detect(frames.get(i));
                ms[i] = (System.nanoTime() - t0) / 1e6;
                persons += found.size();
            }
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "%-22s %8.1f %8.1f %8.1f %8.1f %10.2f%n", name, Arrays.stream(ms).average().orElse(0),
                    sorted[sorted.length / 2], sorted[(int) Math.min(sorted.length - 1, Math.round(sorted.length * 0.9))],
                    sorted[sorted.length - 1], (double) persons / frames.size());
        }
    }
}
