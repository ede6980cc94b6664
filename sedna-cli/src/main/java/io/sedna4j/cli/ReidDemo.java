package io.sedna4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedna4j.api.ApiException;
import io.sedna4j.api.Manifest;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.api.v1alpha1.VideoAnalyticsJob;
import io.sedna4j.cli.client.GmClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sedna demo reid}: multi-edge inference (Sedna's pedestrian tracking and re-identification) in an all-in-one
 * cluster of its own: one VideoAnalyticsJob per camera on nodes edge-1..N, a FeatureExtractionService and a ReidJob
 * on node cloud, over the GM's embedded Kafka broker.
 */
@Command(name = "reid", mixinStandardHelpOptions = true,
        description = {"Multi-edge inference: people are detected and tracked on each camera's edge node (HOG and "
                + "ByteTrack), their appearance features are computed on the cloud node, and the person of the query "
                + "photos is searched for on every camera, with the people who came into close contact with them. "
                + "Starts its own GM and nodes, shows a progress bar per camera, and prints frames, detections, "
                + "tracks, the frames where the target was found, contacts and the path of the HTML report.",
            "Default: the bundled sample (a street video with two people, and three photos of one of them)."})
final class ReidDemo implements Callable<Integer> {
    private static final Duration TIMEOUT = Duration.ofMinutes(15);
    static final String PER_CAMERA = "# ---- per camera ----\n";
    /** What the demo's workers write into the output directory; a run deletes these and nothing else there. */
    private static final List<String> OUTPUTS = List.of("edge", "frames", "gallery", "query", "results.json",
            "index.html", "summary.json");
    private static final int MAX_CAMERAS = 16;
    /**
     * The ReID job ends after this long without a message (its default is 30 s): more, since it starts counting
     * before the cameras' first frames, and many cameras on a small machine start slowly.
     */
    private static final int IDLE_SECONDS = 60;

    @Spec
    CommandSpec spec;

    @Option(names = "--video", paramLabel = "FILE|URL",
            description = "A camera's video (file, rtsp:// or http:// URL); repeat for several cameras "
                    + "(default: the bundled sample).")
    List<String> videos;

    @Option(names = "--query", paramLabel = "IMAGE", split = ",",
            description = "Photos of the person to find (default: the sample's 1.jpg, 2.jpg, 3.jpg).")
    List<Path> queries;

    @Option(names = "--cameras", paramLabel = "N",
            description = "Cameras, one edge node each (default: one per --video, else 1); with one --video, every "
                    + "camera plays it.")
    Integer cameras;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where the report, results and annotated frames go (default: <data-dir>/demo/reid/output).")
    Path outDir;

    @Option(names = "--fps", paramLabel = "N", defaultValue = "5",
            description = "Frames per second to process; 0 for every frame (default: ${DEFAULT-VALUE}, as Sedna's "
                    + "example).")
    double fps;

    @Option(names = "--feature-extraction", paramLabel = "auto|edge|cloud", defaultValue = "auto",
            description = "Where each camera's appearance features are computed: auto (at the edge while it has room, "
                    + "else in the cloud, switched at run time), edge or cloud (default: ${DEFAULT-VALUE}).")
    String featureExtraction;

    @Option(names = "--privacy", paramLabel = "none|edge-only", defaultValue = "none",
            description = "edge-only: person crops and frames never leave the cameras' nodes, only embeddings do "
                    + "(the report then has no gallery or annotated frames) (default: ${DEFAULT-VALUE}).")
    String privacy;

    @Mixin
    DemoDataDir data;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path sample = DemoFiles.home().resolve("examples/data/reid-sample");
        List<String> videoList = videos == null || videos.isEmpty()
                ? List.of(sample.resolve("test_video.mp4").toString()) : videos;
        int n = cameras != null ? cameras : videoList.size();
        if (n < 1 || n > MAX_CAMERAS) {
            throw new ApiException("--cameras " + n + " is out of range; give 1 to " + MAX_CAMERAS);
        }
        if (videoList.size() > 1 && videoList.size() != n) {
            throw new ApiException("--cameras " + n + " with " + videoList.size() + " videos; give one --video per "
                    + "camera, or one video for every camera");
        }
        checkPlacement(featureExtraction, privacy);
        List<String> videoUrls = new ArrayList<>();
        for (String v : videoList) {
            videoUrls.add(videoUrl(v));
        }
        List<Path> queryFiles = new ArrayList<>();
        for (Path q : queries == null || queries.isEmpty()
                ? List.of(sample.resolve("1.jpg"), sample.resolve("2.jpg"), sample.resolve("3.jpg")) : queries) {
            if (!Files.isRegularFile(q)) {
                throw new ApiException("the query image " + q + " does not exist; give photos of the person to find "
                        + "with --query a.jpg,b.jpg");
            }
            queryFiles.add(q.toAbsolutePath().normalize());
        }
        Path base = data.base("reid");
        Path output = outDir != null ? outDir.toAbsolutePath().normalize() : base.resolve("output");
        DemoFiles.clean(base.resolve("cluster"));
        cleanOutput(output);
        Files.createDirectories(output);
        List<String> names = cameraNames(n);
        String manifest = manifest(videoUrls, n, queryFiles, fps, output, IDLE_SECONDS, featureExtraction, privacy);

        out.println("Starting a GM and nodes cloud, " + (n == 1 ? "edge-1" : "edge-1.." + "edge-" + n)
                + " (state in " + base.resolve("cluster") + ")");
        out.flush();
        long started = System.nanoTime();
        try (UpCommand.AllInOne cluster = UpCommand.AllInOne.start(base.resolve("cluster"), 0, n)) {
            GmClient gm = new GmClient(cluster.url(), null);
            for (Resource<?, ?> r : Manifest.parse("reid demo", manifest).resourcesOrThrow()) {
                gm.create(r);
            }
            out.println("Applied " + n + " VideoAnalyticsJob" + (n == 1 ? "" : "s") + " (HOG + ByteTrack on "
                    + (n == 1 ? "edge-1" : "edge-1..edge-" + n) + "), FeatureExtractionService and ReidJob (on cloud), "
                    + "over Kafka; features extracted " + (privacy.equals(VideoAnalyticsJob.PRIVACY_EDGE_ONLY)
                    ? "at the edge only (privacy edge-only)" : featureExtraction.equals("auto")
                    ? "where the edges' load says" : "at the " + featureExtraction) + "; looking for the person in "
                    + fileNames(queryFiles));
            JsonNode summary = await(gm, output, names, base.resolve("cluster"), out);
            Duration wall = Duration.ofNanos(System.nanoTime() - started);
            print(summary, videoUrls, queryFiles, output, wall, finalProgress(output, names), out);
        }
        return 0;
    }

    /** The demo's manifest: the template with one VideoAnalyticsJob per camera (cam-i on edge-i). */
    static String manifest(List<String> videoUrls, int cameras, List<Path> queries, double fps, Path output,
                           int idleSeconds, String featureExtraction, String privacy) throws IOException {
        List<String> paths = queries.stream().map(Path::toString).toList();
        String text = DemoFiles.template("reid.yaml", Map.of("QUERY", String.join("|", paths),
                "CAMERAS", String.valueOf(cameras), "IDLE", String.valueOf(idleSeconds), "OUTPUT", output.toString(),
                "FPS", String.valueOf(fps), "FEATURE_EXTRACTION", featureExtraction, "PRIVACY", privacy));
        int a = text.indexOf(PER_CAMERA);
        int b = text.indexOf(PER_CAMERA, a + PER_CAMERA.length());
        if (a < 0 || b < 0) {
            throw new IllegalStateException("demo template reid.yaml lacks its two '" + PER_CAMERA.strip() + "' lines");
        }
        String perCamera = text.substring(a + PER_CAMERA.length(), b);
        StringBuilder all = new StringBuilder(text.substring(0, a));
        List<String> names = cameraNames(cameras);
        for (int i = 0; i < cameras; i++) {
            all.append(perCamera.replace("${CAMERA}", names.get(i)).replace("${NODE}", "edge-" + (i + 1))
                    .replace("${VIDEO}", videoUrls.get(videoUrls.size() == 1 ? 0 : i)));
        }
        return all.append(text.substring(b + PER_CAMERA.length())).toString();
    }

    private static void checkPlacement(String featureExtraction, String privacy) {
        if (!VideoAnalyticsJob.FEATURE_EXTRACTION_VALUES.contains(featureExtraction)) {
            throw new ApiException("--feature-extraction " + featureExtraction + " is not a placement; give one of "
                    + String.join(", ", VideoAnalyticsJob.FEATURE_EXTRACTION_VALUES));
        }
        if (!VideoAnalyticsJob.PRIVACY_VALUES.contains(privacy)) {
            throw new ApiException("--privacy " + privacy + " is not a privacy mode; give one of "
                    + String.join(", ", VideoAnalyticsJob.PRIVACY_VALUES));
        }
        if (privacy.equals(VideoAnalyticsJob.PRIVACY_EDGE_ONLY) && featureExtraction.equals("cloud")) {
            throw new ApiException("--privacy edge-only keeps crops on the edge, so features cannot be extracted in "
                    + "the cloud; drop --feature-extraction cloud");
        }
    }

    static List<String> cameraNames(int cameras) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= cameras; i++) {
            names.add("cam-" + i);
        }
        return names;
    }

    private static String videoUrl(String video) {
        if (video.contains("://")) {
            return video;
        }
        Path file = Path.of(video);
        if (!Files.isRegularFile(file)) {
            throw new ApiException("the video " + video + " does not exist; give a video file or URL with --video");
        }
        return file.toAbsolutePath().normalize().toString();
    }

    /** Deletes what an earlier run wrote into {@code output}, and nothing else (it may be the user's directory). */
    private static void cleanOutput(Path output) throws IOException {
        for (String name : OUTPUTS) {
            Path p = output.resolve(name);
            if (Files.isDirectory(p)) {
                DemoFiles.clean(p);
            } else {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Shows each camera's progress until the ReID job's summary appears. A worker that failed, or that exited with
     * an error for the user (code 1, before its restart), ends the demo with its message and log.
     */
    private JsonNode await(GmClient gm, Path output, List<String> names, Path clusterDir, PrintWriter out)
            throws Exception {
        Bars bars = new Bars(out, names, System.console() != null);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < names.size(); i++) {
                JsonNode p = read(output.resolve("edge").resolve(names.get(i)).resolve("progress.json"));
                if (p != null) {
                    bars.update(i, p.path("processed").asLong(), p.path("total").asLong(-1));
                }
            }
            Path summary = output.resolve("summary.json");
            if (Files.exists(summary)) {
                bars.done();
                return ResourceCodec.json().readTree(summary.toFile());
            }
            for (JsonNode w : gm.workers("default")) {
                String phase = w.path("status").path("phase").asText();
                String message = w.path("status").path("message").asText();
                if (phase.equals("Failed") || message.startsWith("exited with code 1 ")) {
                    bars.done();
                    String name = w.path("metadata").path("name").asText();
                    String node = w.path("spec").path("nodeName").asText();
                    throw new ApiException("worker " + name + " on node " + node + " failed: "
                            + message.replaceFirst("; restarting in [^;]*$", "") + "; its log:\n" + DemoFiles.tail(clusterDir.resolve("nodes").resolve(node)
                            .resolve("workers").resolve(name).resolve("log"), 15));
                }
            }
            Thread.sleep(200);
        }
        bars.done();
        throw new ApiException("the demo did not finish in " + TIMEOUT.toMinutes() + " minutes; see the worker logs "
                + "under " + clusterDir.resolve("nodes"));
    }

    /**
     * Each camera's last progress (where its features were extracted): a camera writes it once its last message is
     * delivered, which can be a moment after the ReID job's summary; a camera without it is left out.
     */
    private static List<JsonNode> finalProgress(Path output, List<String> names) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<JsonNode> done = new ArrayList<>();
        for (String name : names) {
            JsonNode p = read(output.resolve("edge").resolve(name).resolve("progress.json"));
            while ((p == null || !p.path("done").asBoolean()) && System.nanoTime() < deadline) {
                Thread.sleep(100);
                p = read(output.resolve("edge").resolve(name).resolve("progress.json"));
            }
            if (p != null && p.path("done").asBoolean()) {
                done.add(((ObjectNode) p).put("camera", name));
            }
        }
        return done;
    }

    private static JsonNode read(Path file) {
        try {
            return Files.exists(file) ? ResourceCodec.json().readTree(file.toFile()) : null;
        } catch (IOException e) {
            return null; // being replaced right now: next time
        }
    }

    private static void print(JsonNode s, List<String> videoUrls, List<Path> queries, Path output, Duration wall,
                              List<JsonNode> cameras, PrintWriter out) {
        out.println();
        int n = s.path("cameras").size();
        out.println("Re-identification of the person in " + fileNames(queries) + " on " + n
                + (n == 1 ? " camera" : " cameras") + " (" + String.join(", ", videoUrls.stream()
                .map(v -> v.substring(Math.max(v.lastIndexOf('/'), v.lastIndexOf('\\')) + 1)).distinct().toList())
                + ")");
        out.printf(Locale.ROOT, "  frames processed        %d%n", s.path("frames").asLong());
        out.printf(Locale.ROOT, "  detections              %d%n", s.path("detections").asLong());
        out.printf(Locale.ROOT, "  tracks                  %d%n", s.path("tracks").asLong());
        String label = "  target found            ";
        for (JsonNode c : s.path("cameras")) {
            out.printf(Locale.ROOT, "%s%s: in %d of %d frames (%.0f%%), as track %s%n", label,
                    c.path("camera").asText(), c.path("framesWithTarget").asLong(), c.path("frames").asLong(),
                    c.path("targetFoundPercent").asDouble(), ids(c.path("targetTracks")));
            label = "                          ";
        }
        out.printf(Locale.ROOT, "  close contacts          %d%n", s.path("contacts").size());
        for (JsonNode x : s.path("contacts")) {
            out.printf(Locale.ROOT, "                          %s: target (id %d) and id %d, %.1f-%.1f s (%.1f s), "
                            + "closest %.2f body heights apart%n", x.path("camera").asText(),
                    x.path("targetTrack").asInt(), x.path("otherTrack").asInt(), x.path("start").asDouble(),
                    x.path("end").asDouble(), x.path("duration").asDouble(), x.path("minDistance").asDouble());
        }
        out.printf(Locale.ROOT, "  target id switches      %d%n", s.path("idSwitches").asLong());
        label = "  features extracted      ";
        for (JsonNode c : cameras) {
            long frames = c.path("processed").asLong();
            long atEdge = c.path("framesExtractedAtEdge").asLong();
            out.printf(Locale.ROOT, "%s%s: %d of %d frames at the edge, %d in the cloud (%d placement switch%s)%n",
                    label, c.path("camera").asText(), atEdge, frames, frames - atEdge,
                    c.path("placementSwitches").asLong(), c.path("placementSwitches").asLong() == 1 ? "" : "es");
            label = "                          ";
        }
        if (s.path("missingCameras").size() > 0) {
            out.println("  unfinished cameras      " + ids(s.path("missingCameras")) + " (" + s.path("ended").asText()
                    + ")");
        }
        out.printf(Locale.ROOT, "  wall time               %.1f s (start-up included)%n", wall.toMillis() / 1000.0);
        out.println("  report                  " + output.resolve(s.path("report").asText("index.html")));
        out.println("  results                 " + output.resolve("results.json") + ", annotated frames in "
                + output.resolve("frames"));
        out.flush();
    }

    private static String ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.forEach(i -> ids.add(i.asText()));
        return ids.isEmpty() ? "-" : String.join(", ", ids);
    }

    private static String fileNames(List<Path> files) {
        return String.join(", ", files.stream().map(f -> String.valueOf(f.getFileName())).toList());
    }

    /**
     * A progress bar per camera: on a terminal, all redrawn in place (ANSI cursor movement); otherwise
     * {@link Progress}'s lines, one every tenth of each camera's video.
     */
    private static final class Bars {
        private static final int WIDTH = 30;
        private final PrintWriter out;
        private final List<String> names;
        private final boolean terminal;
        private final long[] done;
        private final long[] total;
        private final List<Progress> lines = new ArrayList<>();
        private boolean drawn;

        Bars(PrintWriter out, List<String> names, boolean terminal) {
            this.out = out;
            this.names = names;
            this.terminal = terminal;
            this.done = new long[names.size()];
            this.total = new long[names.size()];
            java.util.Arrays.fill(done, -1);
            for (String name : names) {
                lines.add(new Progress(out, name, false));
            }
        }

        void update(int camera, long processed, long frames) {
            if (!terminal) {
                lines.get(camera).update(processed, frames, "frames");
                return;
            }
            if (drawn && done[camera] == processed && total[camera] == frames) {
                return;
            }
            done[camera] = processed;
            total[camera] = frames;
            StringBuilder b = new StringBuilder();
            if (drawn) {
                b.append("\033[").append(names.size()).append('A');
            }
            for (int i = 0; i < names.size(); i++) {
                long d = Math.max(0, done[i]);
                int filled = total[i] > 0 ? (int) (WIDTH * Math.min(d, total[i]) / total[i]) : 0;
                b.append("\r\033[2K  ").append(names.get(i)).append(' ');
                if (done[i] < 0) {
                    b.append("starting\n");
                    continue;
                }
                if (total[i] > 0) {
                    b.append('[').append("=".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ");
                }
                b.append(d).append(total[i] > 0 ? "/" + total[i] : "").append(" frames\n");
            }
            out.print(b);
            out.flush();
            drawn = true;
        }

        void done() {
            out.flush();
        }
    }
}
