package io.sedna4j.workers.reid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.lib.LibException;
import io.sedna4j.lib.stream.Box;
import io.sedna4j.lib.stream.DetectedObjects;
import io.sedna4j.lib.stream.Embedding;
import io.sedna4j.lib.stream.EnrichedObject;
import io.sedna4j.lib.stream.EnrichedObjects;
import io.sedna4j.lib.stream.Frame;
import io.sedna4j.vision.reid.ContactEstimator;
import io.sedna4j.vision.reid.Features;
import io.sedna4j.vision.reid.Matcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ReID job's bookkeeping on made-up features: two people side by side at 5 fps, the target on the right. */
class ReidSessionTest {
    private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");
    private static final float[] TARGET = Features.normalize(new float[] {1, 0.1f, 0, 0});
    private static final float[] OTHER = Features.normalize(new float[] {0.2f, 1, 0.3f, 0});

    @TempDir
    Path out;

    @Test
    void findsTheTargetCountsFramesAndTracksReportsTheContactAndEndsWhenEveryCameraHasEnded() throws Exception {
        ReidSession session = session(ExpectedCameras.parse("2"), Duration.ofSeconds(30), "test");
        for (String camera : List.of("cam-1", "cam-2")) {
            for (int i = 0; i < 15; i++) {
                session.handle(frame(camera, i, "test"));
            }
            session.handle(end(camera, 15));
        }
        assertThat(session.awaitEnd()).isEqualTo("every camera sent its end of stream");
        ObjectNode summary = session.finish("every camera sent its end of stream", Duration.ofSeconds(1));

        assertThat(summary.path("frames").asInt()).isEqualTo(30);
        assertThat(summary.path("detections").asInt()).isEqualTo(60);
        assertThat(summary.path("tracks").asInt()).isEqualTo(4);
        assertThat(summary.path("framesWithTarget").asInt()).isEqualTo(30);
        assertThat(summary.path("idSwitches").asInt()).isZero();
        assertThat(summary.path("contacts")).hasSize(2).allSatisfy(c -> {
            assertThat(c.path("targetTrack").asInt()).isEqualTo(7);
            assertThat(c.path("otherTrack").asInt()).isEqualTo(3);
            assertThat(c.path("duration").asDouble()).isEqualTo(3.0);
        });
        assertThat(summary.path("cameras").get(0).path("targetSeen").get(0).get(1).asDouble()).isEqualTo(3.0);
        JsonNode results = ResourceCodec.json().readTree(out.resolve("results.json").toFile());
        JsonNode first = results.path("frames").get(0);
        assertThat(first.path("tracks").toString()).isEqualTo("[3,7]");
        assertThat(first.path("target").asInt()).isEqualTo(7);
        assertThat(first.path("contacts").get(0).path("track").asInt()).isEqualTo(3);
        assertThat(first.path("image").isNull()).as("no frame image, no annotated frame").isTrue();
        assertThat(Files.readString(out.resolve("index.html"))).contains("Re-identification across 2 cameras",
                "query/1-q.jpg");
        assertThat(out.resolve("summary.json")).isRegularFile();
    }

    @Test
    void featuresOfAnotherExtractorFailTheJobWithBothNames() throws Exception {
        ReidSession session = session(ExpectedCameras.parse("1"), Duration.ofSeconds(30), "test");
        session.handle(frame("cam-1", 0, "onnx:osnet.onnx"));

        assertThatThrownBy(session::awaitEnd).isInstanceOf(LibException.class)
                .hasMessageContaining("'onnx:osnet.onnx' extractor").hasMessageContaining("with 'test'")
                .hasMessageContaining("MODEL_URL");
    }

    @Test
    void aCameraThatNeverEndsEndsTheJobAfterTheIdleTimeAndIsReportedMissing() throws Exception {
        ReidSession session = session(ExpectedCameras.parse("cam-1,cam-2"), Duration.ofMillis(300), "test");
        session.handle(frame("cam-1", 0, "test"));
        session.handle(end("cam-1", 1));
        session.handle(frame("cam-2", 0, "test"));

        assertThat(session.awaitEnd()).startsWith("no message for");
        ObjectNode summary = session.finish("idle", Duration.ofSeconds(1));
        assertThat(summary.path("missingCameras").toString()).isEqualTo("[\"cam-2\"]");
        assertThat(summary.path("cameras").get(1).path("ended").asBoolean()).isFalse();
    }

    @Test
    void anEndThatOvertookFramesOnTheOtherPathWaitsForThemAndFramesArrivingLateStillCount() throws Exception {
        ReidSession session = session(ExpectedCameras.parse("1"), Duration.ofMillis(400), "test");
        for (int i : new int[] {0, 1, 2, 5, 6}) { // 3 and 4 went through the feature extraction service
            session.handle(frame("cam-1", i, "test"));
        }
        session.handle(end("cam-1", 7));
        assertThat(session.statistics().path("camerasEnded").asInt()).as("2 of 7 frames still missing").isZero();

        session.handle(frame("cam-1", 3, "test"));
        session.handle(frame("cam-1", 4, "test"));

        assertThat(session.awaitEnd()).isEqualTo("every camera sent its end of stream");
        ObjectNode summary = session.finish("ended", Duration.ofSeconds(1));
        assertThat(summary.path("frames").asInt()).isEqualTo(7);
        assertThat(summary.path("framesWithTarget").asInt()).isEqualTo(7);
        assertThat(summary.path("idSwitches").asInt()).isZero();
    }

    private ReidSession session(ExpectedCameras cameras, Duration idle, String extractor) throws Exception {
        Path query = Files.write(out.resolve("q.jpg"), new byte[] {1, 2, 3});
        return new ReidSession(extractor, new Matcher(List.of(TARGET), new Matcher.Options(0.75, 0.05, 0.3, false)),
                new ContactEstimator(), List.of(new QueryImages.Query(query, TARGET)),
                new ReidSession.Settings(out, cameras, idle, true));
    }

    /** Frame {@code i} at 5 fps: the other person (track 3) at x 100–200, the target (track 7) at 220–320. */
    private static EnrichedObjects frame(String camera, int i, String extractor) {
        return new EnrichedObjects(new Frame(camera, "v.mp4", i, T0.plusMillis(200L * i), 1280, 720), List.of(
                new EnrichedObject(3, new Box(100, 100, 200, 400), 0.6f, null, new Embedding(extractor, OTHER)),
                new EnrichedObject(7, new Box(220, 100, 320, 400), 0.7f, null, new Embedding(extractor, TARGET))),
                null);
    }

    private static EnrichedObjects end(String camera, long next) {
        DetectedObjects marker = EndOfStream.of(camera, "v.mp4", next, T0.plusMillis(200L * next), next);
        return new EnrichedObjects(marker.frame(), List.of(), null);
    }
}
