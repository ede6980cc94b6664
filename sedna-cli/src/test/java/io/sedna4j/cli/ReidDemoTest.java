package io.sedna4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sedna demo reid} end to end, as README command 1 runs it: the summary a user reads. */
class ReidDemoTest {
    private static final Path SAMPLE = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."),
            "examples", "data", "reid-sample").toAbsolutePath().normalize();
    @TempDir
    Path dir;

    @Test
    void theDemoFindsTheQueryPersonInEveryFrameAndReportsTheirContactAndWhereFeaturesWereExtracted() {
        Path out = dir.resolve("out");

        CliRun run = CliRun.of("demo", "reid", "--video", SAMPLE.resolve("test_video.mp4").toString(), "--query",
                SAMPLE.resolve("1.jpg") + "," + SAMPLE.resolve("2.jpg") + "," + SAMPLE.resolve("3.jpg"),
                "--data-dir", dir.toString(), "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("frames processed        50",
                "target found            cam-1: in 50 of 50 frames (100%)", "close contacts          1",
                "target id switches      0", "features extracted      cam-1: ", " of 50 frames at the edge");
        assertThat(Files.exists(out.resolve("index.html"))).isTrue();
    }
}
