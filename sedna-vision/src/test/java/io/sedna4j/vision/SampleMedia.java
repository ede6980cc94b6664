package io.sedna4j.vision;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The ReID sample (test_video.mp4, 1.jpg–3.jpg): from the repository's examples/data/reid-sample, else from
 * ${sedna.shared.dir}/data/reid-sample; tests skip when neither is there. The COCO models come from
 * $SEDNA_MODEL_CACHE (bin/fetch-models).
 */
public final class SampleMedia {
    private SampleMedia() {
    }

    public static Path dir() {
        Path repo = Path.of("..", "examples", "data", "reid-sample");
        if (Files.isRegularFile(repo.resolve("test_video.mp4"))) {
            return repo;
        }
        String shared = System.getProperty("sedna.shared.dir");
        Path fallback = shared == null ? null : Path.of(shared, "data", "reid-sample");
        assumeTrue(fallback != null && Files.isRegularFile(fallback.resolve("test_video.mp4")),
                "the ReID sample is in neither examples/data/reid-sample nor ${sedna.shared.dir}/data/reid-sample");
        return fallback;
    }

    public static Path video() {
        return dir().resolve("test_video.mp4");
    }

    public static Path crop(int n) {
        return dir().resolve(n + ".jpg");
    }

    /** The model cache holding the human-models COCO detectors; skips the test when they were not fetched. */
    static Path modelCache(CocoDetector.Kind kind) {
        Path cache = CocoDetector.defaultModelCache();
        Path json = cache.resolve(CocoDetector.MODEL_DIR).resolve(kind.id() + ".json");
        assumeTrue(Files.isRegularFile(json), () -> json.toAbsolutePath() + " is absent: run bin/fetch-models to test " + kind.id());
        return cache;
    }

    /** Frame {@code index} of the sample video. */
    static Image frame(int index) {
        try (VideoSource video = VideoSource.open(video().toString())) {
            for (Frame f : video) {
                if (f.index() == index) {
                    return f.image();
                }
                f.close();
            }
        }
        throw new AssertionError("the sample video has no frame " + index);
    }
}
