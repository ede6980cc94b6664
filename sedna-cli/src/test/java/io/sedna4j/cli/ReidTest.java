package io.sedna4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sedna4j.api.Manifest;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.cli.client.GmClient;
import io.sedna4j.vision.Color;
import io.sedna4j.vision.Image;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multi-edge inference end to end with the built-in workers in an all-in-one cluster, over the GM's embedded Kafka
 * broker: the demo's manifest (video analytics on edge-1, feature extraction and ReID on cloud) on the sample video.
 */
class ReidTest {
    private static final Path SAMPLE = DemoFiles.home().resolve("../examples/data/reid-sample").normalize();
    /** HOG puts the query person's box centre right of this x (364–394 px), the other person's left (272–288 px). */
    private static final double SPLIT_X = 330;

    @TempDir
    Path dir;

    @Test
    void theDemoPipelineFindsTheQueryPersonNeverTheOtherReportsTheirContactAndWritesTheReport() throws Exception {
        runAndCheck(true, "none");
    }

    /**
     * Without Kafka the GM gives each sender its receiver's URL: nothing in the manifest says where they are. In
     * privacy mode only embeddings leave the camera's node, so the report has no gallery and no annotated frames.
     */
    @Test
    void withoutKafkaTheWorkersFindEachOtherOverRestAndInPrivacyModeNoImageLeavesTheEdge() throws Exception {
        runAndCheck(false, "edge-only");
    }

    private void runAndCheck(boolean kafka, String privacy) throws Exception {
        boolean edgeOnly = privacy.equals("edge-only");
        sample();
        Path output = dir.resolve("output");
        try (UpCommand.AllInOne cluster = UpCommand.AllInOne.start(dir.resolve("cluster"), 0, 1)) {
            GmClient gm = new GmClient(cluster.url(), null);
            String manifest = ReidDemo.manifest(List.of(SAMPLE.resolve("test_video.mp4").toString()), 1, queries(), 5,
                    output, 30, "auto", privacy);
            apply(gm, kafka ? manifest : manifest.replace("kafkaSupport: true", "kafkaSupport: false"));

            JsonNode summary = await(() -> read(output.resolve("summary.json")), s -> s.has("frames"),
                    () -> workers(gm));
            JsonNode results = read(output.resolve("results.json"));
            int queryPersonDetected = 0;
            int found = 0;
            int otherLabelled = 0;
            for (JsonNode f : results.path("frames")) {
                Integer queryTrack = null;
                for (int i = 0; i < f.path("boxes").size(); i++) {
                    JsonNode b = f.path("boxes").get(i);
                    double centre = (b.get(0).asDouble() + b.get(2).asDouble()) / 2;
                    double height = b.get(3).asDouble() - b.get(1).asDouble();
                    int track = f.path("tracks").get(i).asInt();
                    if (centre > SPLIT_X && height > 250 && height < 500) {
                        queryTrack = track;
                    }
                    if (!f.path("target").isNull() && f.path("target").asInt() == track && centre <= SPLIT_X) {
                        otherLabelled++;
                    }
                }
                if (queryTrack != null) {
                    queryPersonDetected++;
                    found += !f.path("target").isNull() && f.path("target").asInt() == queryTrack ? 1 : 0;
                }
            }
            assertThat(summary.path("frames").asInt()).as("10 s at 5 fps").isBetween(48, 52);
            assertThat(results.path("frames")).hasSize(summary.path("frames").asInt());
            assertThat(queryPersonDetected).isGreaterThan(40);
            assertThat(found).as("frames where the query person is the target, of the %d where HOG found them",
                    queryPersonDetected).isGreaterThanOrEqualTo((int) Math.ceil(0.95 * queryPersonDetected));
            assertThat(otherLabelled).as("frames where the other person is labelled the target").isZero();
            assertThat(summary.path("contacts")).singleElement().satisfies(c -> {
                assertThat(c.path("camera").asText()).isEqualTo("cam-1");
                assertThat(c.path("duration").asDouble()).isGreaterThan(5);
            });
            assertThat(summary.path("cameras").get(0).path("ended").asBoolean()).isTrue();
            assertThat(summary.path("ended").asText()).isEqualTo("every camera sent its end of stream");
            assertThat(Files.readString(output.resolve("index.html"))).contains("class=\"seen\"",
                    "class=\"contact\"");
            if (edgeOnly) {
                assertThat(summary.path("cameras").get(0).path("gallery")).isEmpty();
                assertThat(output.resolve("frames/cam-1")).doesNotExist();
            } else {
                assertThat(Files.readString(output.resolve("index.html"))).contains("<img src=\"gallery/cam-1/");
                assertThat(output.resolve(summary.path("cameras").get(0).path("gallery").get(0).path("image")
                        .asText())).isRegularFile();
            }
            assertThat(read(output.resolve("edge/cam-1/progress.json")).path("done").asBoolean()).isTrue();
            await(() -> workers(gm), w -> w.contains("demo-reid-reid Succeeded")
                    && w.contains("demo-reid-cam-1-videoanalytics Succeeded"), () -> "");
            // the camera's last report: every frame, and where its features were extracted
            JsonNode metrics = await(() -> gm.get(Kind.VIDEO_ANALYTICS_JOB, "default", "demo-reid-cam-1")
                    .map(r -> r.path("status").path("metrics")).orElse(ResourceCodec.json().createArrayNode()),
                    m -> m.toString().contains("{\"key\":\"frames\",\"value\":\"" + summary.path("frames").asInt()
                            + "\"}"), () -> workers(gm));
            assertThat(metrics.toString()).contains("\"fps\"", "\"queueLag\"", "\"featureExtraction\"",
                    "\"msPerFrame\"");
            if (edgeOnly) {
                assertThat(metrics.toString()).contains("{\"key\":\"featureExtraction\",\"value\":\"edge (privacy "
                        + "edge-only)\"}", "{\"key\":\"framesExtractedAtEdge\",\"value\":\""
                        + summary.path("frames").asInt() + "\"}");
            }
        }
    }

    @Test
    void aQueryImageWithoutAPersonIsAReidWorkerStatusThatNamesIt() throws Exception {
        sample();
        Path blank = dir.resolve("blank.jpg");
        try (Image image = Image.blank(110, 290, Color.WHITE)) {
            image.write(blank);
        }
        try (UpCommand.AllInOne cluster = UpCommand.AllInOne.start(dir.resolve("cluster"), 0, 0)) {
            GmClient gm = new GmClient(cluster.url(), null);
            String manifest = ReidDemo.manifest(List.of(SAMPLE.resolve("test_video.mp4").toString()), 1,
                    List.of(SAMPLE.resolve("1.jpg"), blank), 5, dir.resolve("output"), 30, "auto", "none")
                    .replace("kafkaSupport: true", "kafkaSupport: false"); // it fails before it would need a broker
            // the ReID job alone: the documents before the first VideoAnalyticsJob
            apply(gm, manifest.substring(0, manifest.lastIndexOf("---", manifest.indexOf("kind: VideoAnalyticsJob"))));

            String message = await(() -> status(gm, "demo-reid-reid").path("message").asText(),
                    m -> m.contains("blank.jpg"), () -> workers(gm));
            assertThat(message).contains("exited with code 1", "query image " + blank, "shows no person");
        }
    }

    private static void sample() {
        assumeTrue(Files.isRegularFile(SAMPLE.resolve("test_video.mp4")), "the ReID sample is not in " + SAMPLE);
    }

    private static List<Path> queries() {
        return List.of(SAMPLE.resolve("1.jpg"), SAMPLE.resolve("2.jpg"), SAMPLE.resolve("3.jpg"));
    }

    private static void apply(GmClient gm, String manifest) {
        for (Resource<?, ?> r : Manifest.parse("reid test", manifest).resourcesOrThrow()) {
            gm.create(r);
        }
    }

    private static JsonNode status(GmClient gm, String worker) {
        return gm.workers("default").stream().filter(w -> w.path("metadata").path("name").asText().equals(worker))
                .findFirst().map(w -> w.path("status")).orElse(ResourceCodec.json().createObjectNode());
    }

    /** "name phase: message" per worker, for failure messages. */
    private static String workers(GmClient gm) {
        StringBuilder b = new StringBuilder();
        for (JsonNode w : gm.workers("default")) {
            b.append(w.path("metadata").path("name").asText()).append(' ').append(w.path("status").path("phase")
                    .asText()).append(": ").append(w.path("status").path("message").asText()).append('\n');
        }
        return b.toString();
    }

    private static JsonNode read(Path file) {
        try {
            return Files.exists(file) ? ResourceCodec.json().readTree(file.toFile())
                    : ResourceCodec.json().createObjectNode();
        } catch (IOException e) {
            return ResourceCodec.json().createObjectNode();
        }
    }

    private static <T> T await(Supplier<T> value, Predicate<T> done, Supplier<String> context) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = value.get();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("timed out; last value: " + last + "\nworkers:\n" + context.get());
    }
}
