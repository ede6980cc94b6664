package io.sedna4j.workers.reid;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The ReID sample of the repository (examples/data/reid-sample); tests skip without it. */
final class Sample {
    /** HOG puts the query person's box centre right of this x (364–394 px), the other person's left (272–288 px). */
    static final float SPLIT_X = 330;

    private Sample() {
    }

    static Path dir() {
        Path dir = Path.of("..", "examples", "data", "reid-sample").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(dir.resolve("test_video.mp4")), "the ReID sample is not in " + dir);
        return dir;
    }

    static Path video() {
        return dir().resolve("test_video.mp4");
    }

    static List<Path> queries() {
        return List.of(dir().resolve("1.jpg"), dir().resolve("2.jpg"), dir().resolve("3.jpg"));
    }
}
