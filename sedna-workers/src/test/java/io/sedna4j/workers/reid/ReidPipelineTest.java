package io.sedna4j.workers.reid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.lib.stream.DetectedObjects;
import io.sedna4j.lib.stream.EnrichedObjects;
import io.sedna4j.lib.stream.MessageCodec;
import io.sedna4j.vision.PersonDetector;
import io.sedna4j.vision.VideoSource;
import io.sedna4j.vision.reid.AppearanceDescriptor;
import io.sedna4j.vision.reid.ContactEstimator;
import io.sedna4j.vision.reid.Matcher;
import io.sedna4j.vision.tracking.ByteTracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three workers' cores in one process on the sample video at 5 fps, every message through the byte codec as
 * on the wire: video analytics → feature extraction → ReID session. Two cameras replay the same video; the second
 * one's crops do not travel past feature extraction, so the ReID job cuts the target's gallery from the frames.
 */
class ReidPipelineTest {
    @TempDir
    Path out;

    @Test
    void findsTheQueryPersonOnEveryCameraNeverTheOtherReportsTheirContactAndWritesTheReport() throws Exception {
        AppearanceDescriptor descriptor = new AppearanceDescriptor();
        List<QueryImages.Query> queries;
        try (PersonDetector hog = PersonDetector.create("hog", null)) {
            queries = QueryImages.load(Sample.queries(), hog, descriptor);
        }
        Matcher matcher = new Matcher(queries.stream().map(QueryImages.Query::feature).toList(),
                Matcher.Options.defaults(descriptor));
        ReidSession session = new ReidSession(descriptor.name(), matcher, new ContactEstimator(), queries,
                new ReidSession.Settings(out, ExpectedCameras.parse("cam-1,cam-2"), Duration.ofSeconds(30), true));
        FeatureExtraction fe = new FeatureExtraction(descriptor, true);
        FeatureExtraction noCrops = new FeatureExtraction(descriptor, false); // cam-2: ReID cuts crops from frames

        List<byte[]> wire = new ArrayList<>();
        try (PersonDetector hog = PersonDetector.create("hog", null);
             VideoSource source = VideoSource.open(Sample.video().toString(), 5)) {
            VideoAnalytics va = new VideoAnalytics(hog, new ByteTracker(VideoAnalytics.trackerOptions(
                    io.sedna4j.lib.WorkerContext.fromEnv(Map.of()), "hog", VideoAnalytics.frameRate(source, 5))),
                    new VideoAnalytics.Options("cam-1", "test_video.mp4", 960));
            VideoAnalytics.Stats stats = va.run(source, Instant.parse("2024-05-01T12:00:00Z"),
                    VideoAnalytics.Sink.to(m -> wire.add(MessageCodec.encode(m))), () -> { });
            assertThat(stats.frames()).isBetween(48L, 52L);
        }
        for (String camera : List.of("cam-1", "cam-2")) {
            for (byte[] bytes : wire) {
                DetectedObjects d = (DetectedObjects) MessageCodec.decode(bytes);
                if (camera.equals("cam-2")) {
                    d = new DetectedObjects(new io.sedna4j.lib.stream.Frame("cam-2", d.frame().videoId(),
                            d.frame().number(), d.frame().timestamp(), d.frame().width(), d.frame().height()),
                            d.objects(), d.frameJpeg());
                }
                EnrichedObjects enriched = (camera.equals("cam-1") ? fe : noCrops).enrich(d);
                session.handle((EnrichedObjects) MessageCodec.decode(MessageCodec.encode(enriched)));
            }
        }
        assertThat(session.awaitEnd()).isEqualTo("every camera sent its end of stream");
        ObjectNode summary = session.finish("every camera sent its end of stream", Duration.ofSeconds(3));

        JsonNode results = ResourceCodec.json().readTree(out.resolve("results.json").toFile());
        int queryPersonDetected = 0;
        int found = 0;
        int otherLabelled = 0;
        for (JsonNode f : results.path("frames")) {
            JsonNode boxes = f.path("boxes");
            Integer queryTrack = null;
            for (int i = 0; i < boxes.size(); i++) {
                JsonNode b = boxes.get(i);
                double cx = (b.get(0).asDouble() + b.get(2).asDouble()) / 2;
                double height = b.get(3).asDouble() - b.get(1).asDouble();
                if (cx > Sample.SPLIT_X && height > 250 && height < 500) {
                    queryTrack = f.path("tracks").get(i).asInt();
                }
                if (!f.path("target").isNull() && f.path("tracks").get(i).asInt() == f.path("target").asInt()
                        && cx <= Sample.SPLIT_X) {
                    otherLabelled++;
                }
            }
            if (queryTrack != null) {
                queryPersonDetected++;
                found += f.path("target").isNull() || f.path("target").asInt() != queryTrack ? 0 : 1;
            }
        }
        assertThat(results.path("frames").size()).isEqualTo(summary.path("frames").asInt());
        assertThat(found).isGreaterThanOrEqualTo((int) Math.ceil(0.95 * queryPersonDetected));
        assertThat(queryPersonDetected).isGreaterThan(40);
        assertThat(otherLabelled).isZero();
        assertThat(summary.path("cameras")).hasSize(2).allSatisfy(c -> {
            assertThat(c.path("ended").asBoolean()).isTrue();
            assertThat(c.path("idSwitches").asInt()).isZero();
            assertThat(c.path("gallery").size()).isEqualTo(ReidSession.GALLERY);
        });
        assertThat(summary.path("contacts")).hasSize(2).allSatisfy(c -> {
            assertThat(c.path("duration").asDouble()).isGreaterThan(8);
            assertThat(c.path("minDistance").asDouble()).isLessThan(0.5);
        });
        assertThat(summary.path("missingCameras")).isEmpty();
        String html = Files.readString(out.resolve("index.html"));
        assertThat(html).contains("<img src=\"gallery/cam-1/", "<img src=\"query/1-1.jpg\"", "class=\"seen\"",
                "class=\"contact\"", "cam-2");
        for (JsonNode c : summary.path("cameras")) {
            for (JsonNode g : c.path("gallery")) {
                assertThat(out.resolve(g.path("image").asText())).isRegularFile();
            }
        }
        assertThat(out.resolve("frames/cam-2")).isDirectoryContaining(p -> p.toString().endsWith(".jpg"));
        assertThat(out.resolve("summary.json")).isRegularFile();
    }
}
