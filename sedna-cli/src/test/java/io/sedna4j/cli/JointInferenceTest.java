package io.sedna4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sedna4j.api.Manifest;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.cli.client.GmClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Joint inference end to end with the built-in workers: HOG on edge-1 over the sample video, CenterNet on the
 * cloud node, in an all-in-one cluster. Needs the CenterNet model (bin/fetch-models); skips without it.
 */
class JointInferenceTest {
    private static final Path VIDEO = DemoFiles.home().resolve("../examples/data/reid-sample/test_video.mp4").normalize();

    @TempDir
    Path dir;

    @Test
    void whenTheCloudWorkerDiesTheEdgeAnswersWithItsOwnResultsAndOffloadsAgainOnceItIsBack() throws Exception {
        Path centernet = centernet();
        Path output = dir.resolve("output");
        try (UpCommand.AllInOne cluster = UpCommand.AllInOne.start(dir.resolve("cluster"), 0, 1)) {
            GmClient gm = new GmClient(cluster.url(), null);
            // every frame goes to the cloud; after 3 failures in a row the edge answers alone for 1 s, then tries again
            apply(gm, manifest(centernet, VIDEO.toString(), output, "CloudOnly")
                    .replace("- name: LC_PERIOD", "- name: cloud_retry_seconds\n                value: \"1\"\n              - name: LC_PERIOD"));

            awaitProcessed(output, 10);
            long cloudPid = pid(gm, "pedestrians-cloud");
            ProcessHandle.of(cloudPid).ifPresent(ProcessHandle::destroyForcibly);

            JsonNode summary = awaitSummary(output);
            List<JsonNode> frames = new ArrayList<>();
            summary.path("perFrame").forEach(frames::add);
            int firstFallback = indexOf(frames, true);
            assertThat(summary.path("frames").asInt()).isEqualTo(100); // 10 s of video at 10 fps
            assertThat(summary.path("hardExamples").asInt()).isEqualTo(100);
            assertThat(summary.path("cloudFallbacks").asInt()).as("frames answered by the edge alone").isPositive();
            assertThat(firstFallback).as("the cloud answered before it was killed").isPositive();
            assertThat(frames.subList(firstFallback, frames.size())).as("the cloud answers again after its restart")
                    .anyMatch(f -> !f.path("fallback").asBoolean());
            assertThat(frames).filteredOn(f -> f.path("fallback").asBoolean())
                    .allMatch(f -> f.path("finalPersons").asInt() == f.path("edgePersons").asInt());
            try (var files = Files.list(output.resolve("frames"))) {
                assertThat(files.count()).isEqualTo(100);
            }
        }
    }

    @Test
    void anUnreadableVideoOrAMissingModelIsAWorkerStatusWithTheReasonAndRestartsBackOff() throws Exception {
        centernet();
        try (UpCommand.AllInOne cluster = UpCommand.AllInOne.start(dir.resolve("cluster"), 0, 1)) {
            GmClient gm = new GmClient(cluster.url(), null);
            apply(gm, manifest(dir.resolve("no-such-model.json"), dir.resolve("no-such-video.mp4").toString(),
                    dir.resolve("out"), "IBT"));

            String message = await(() -> status(gm, "pedestrians-edge").path("message").asText(),
                    m -> m.contains("no-such-video.mp4"));
            assertThat(message).contains("exited with code 1", "restarting in");
            assertThat(await(() -> status(gm, "pedestrians-cloud").path("message").asText(),
                    m -> m.contains("no-such-model.json"))).contains("exited with code 1");
            Thread.sleep(6000);
            int restarts = status(gm, "pedestrians-edge").path("containerStatuses").path(0).path("restartCount").asInt();
            assertThat(restarts).as("restarts in about 8 s with backoff 1 s, 2 s, 4 s …").isBetween(1, 4);
        }
    }

    private static Path centernet() {
        Path json = DemoFiles.modelCache().resolve("human-models-3.0.4/centernet.json");
        assumeTrue(Files.isRegularFile(json), "the CenterNet model is not in " + json.getParent()
                + "; run bin/fetch-models to run the joint inference tests");
        assumeTrue(Files.isRegularFile(VIDEO), "the sample video is not at " + VIDEO);
        return json;
    }

    private static String manifest(Path centernet, String video, Path output, String hem) throws IOException {
        String text = DemoFiles.template("joint-inference.yaml", Map.of("CENTERNET", centernet.toString(),
                "VIDEO", video, "FPS", "10", "OUTPUT", output.toString(), "PORT", "0"));
        if (!hem.equals("IBT")) {
            text = text.replaceAll("(?s)      name: IBT\\n      parameters:.*?(?=    template:)", "      name: " + hem + "\n");
        }
        return text.replace("containerPort: 0", "containerPort: " + freePort());
    }

    private static void apply(GmClient gm, String manifest) {
        for (Resource<?, ?> r : Manifest.parse("joint-inference test", manifest).resourcesOrThrow()) {
            gm.create(r);
        }
    }

    private static JsonNode status(GmClient gm, String worker) {
        return gm.workers("default").stream().filter(w -> w.path("metadata").path("name").asText().equals(worker))
                .findFirst().map(w -> w.path("status")).orElse(ResourceCodec.json().createObjectNode());
    }

    private static long pid(GmClient gm, String worker) {
        String message = await(() -> status(gm, worker).path("message").asText(), m -> m.matches("started pid \\d+.*"));
        return Long.parseLong(message.replaceAll("started pid (\\d+).*", "$1"));
    }

    private static void awaitProcessed(Path output, int frames) {
        await(() -> read(output.resolve("progress.json")), p -> p.path("processed").asInt() >= frames);
    }

    private static JsonNode awaitSummary(Path output) {
        return await(() -> read(output.resolve("summary.json")), s -> s.has("frames"));
    }

    private static JsonNode read(Path file) {
        try {
            return Files.exists(file) ? ResourceCodec.json().readTree(file.toFile()) : ResourceCodec.json().createObjectNode();
        } catch (IOException e) {
            return ResourceCodec.json().createObjectNode();
        }
    }

    private static int indexOf(List<JsonNode> frames, boolean fallback) {
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).path("fallback").asBoolean() == fallback) {
                return i;
            }
        }
        return -1;
    }

    private static <T> T await(java.util.function.Supplier<T> value, java.util.function.Predicate<T> done) {
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
        throw new AssertionError("timed out; last value: " + last);
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
