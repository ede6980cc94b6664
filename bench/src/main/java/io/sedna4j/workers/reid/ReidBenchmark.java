package io.sedna4j.workers.reid;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedna4j.lib.WorkerContext;
import io.sedna4j.lib.stream.DetectedObjects;
import io.sedna4j.lib.stream.EnrichedObjects;
import io.sedna4j.lib.stream.ObjectPublisher;
import io.sedna4j.lib.stream.RestObjectSubscriber;
import io.sedna4j.lib.stream.Streams;
import io.sedna4j.lib.stream.Topics;
import io.sedna4j.vision.Frame;
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
import java.util.Locale;
import java.util.Map;

/**
 * Multi-edge inference, one camera, one JVM, the workers' own cores wired as the workers wire them (this class sits
 * in their package for that), with the real REST transport on loopback between them:
 * <ol>
 * <li>the bare detector loop: decode and HOG on every sampled frame, nothing else — the baseline;</li>
 * <li>the pipeline, video analytics → feature extraction service → ReID, frames/s from the first frame until the
 * ReID job has matched the last one, with features extracted in the cloud (Sedna's layout) and with {@code auto}
 * placement; and where a frame's time goes, per stage;</li>
 * <li>one throttled edge ({@code --delay-ms} of artificial delay per frame whose features are extracted at the
 * edge): static edge placement against {@code auto} repartition (and static cloud for reference).</li>
 * </ol>
 * Every run's quality is printed too (frames matched, frames with the target), so a faster run that loses frames
 * would show.
 */
public final class ReidBenchmark {
    private Path video = Path.of("examples/data/reid-sample/test_video.mp4");
    private List<Path> queries = List.of(Path.of("examples/data/reid-sample/1.jpg"),
            Path.of("examples/data/reid-sample/2.jpg"), Path.of("examples/data/reid-sample/3.jpg"));
    private double fps = 5;
    private int delayMs = 150;
    private int rounds = 3;
    private static final String BARE = "bare detector loop (decode + HOG)";

    /** One pipeline run: its wall time, what the ReID job saw, and the stages' mean times. */
    record Run(String name, long frames, long withTarget, double seconds, StageTimes edge, double feMs,
               double reidMs, long atEdge, int switches) {
        double fps() {
            return frames / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        ReidBenchmark b = new ReidBenchmark();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--video" -> b.video = Path.of(args[++i]);
                case "--fps" -> b.fps = Double.parseDouble(args[++i]);
                case "--delay-ms" -> b.delayMs = Integer.parseInt(args[++i]);
                case "--rounds" -> b.rounds = Integer.parseInt(args[++i]);
                case "--help" -> {
                    System.out.println("ReidBenchmark [--video FILE] [--fps 5] [--delay-ms 150] [--rounds 3]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; see --help");
            }
        }
        b.run();
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "video %s at %.0f fps, %d round(s), %d cores%n", video, fps, rounds,
                Runtime.getRuntime().availableProcessors());
        bare(); // warm-up: OpenCV, JIT
        pipeline("warm-up", PlacementPolicy.Mode.CLOUD, 0);
        // rounds interleave the configurations, so that a change in the machine's load hits them alike
        Map<String, List<Double>> fpsOf = new java.util.LinkedHashMap<>();
        List<Run> runs = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            fpsOf.computeIfAbsent(BARE, k -> new ArrayList<>()).add(bare());
            for (Run run : List.of(
                    pipeline("pipeline, extraction in the cloud", PlacementPolicy.Mode.CLOUD, 0),
                    pipeline("pipeline, auto placement", PlacementPolicy.Mode.AUTO, 0),
                    pipeline("throttled edge, static edge placement", PlacementPolicy.Mode.EDGE, delayMs),
                    pipeline("throttled edge, auto repartition", PlacementPolicy.Mode.AUTO, delayMs),
                    pipeline("throttled edge, static cloud placement", PlacementPolicy.Mode.CLOUD, delayMs))) {
                runs.add(run);
                fpsOf.computeIfAbsent(run.name(), k -> new ArrayList<>()).add(run.fps());
            }
        }
        System.out.println();
        System.out.println("## frames/s over " + rounds + " round(s): median and best, and their ratio to the bare "
                + "detector loop's (median to median, best to best); throttled runs to static edge placement");
        System.out.println("configuration | median | best | ratio (median) | ratio (best)");
        double bareMedian = median(fpsOf.get(BARE));
        double bareBest = java.util.Collections.max(fpsOf.get(BARE));
        String staticEdge = "throttled edge, static edge placement";
        fpsOf.forEach((name, list) -> {
            boolean throttled = name.startsWith("throttled");
            double baseMedian = throttled ? median(fpsOf.get(staticEdge)) : bareMedian;
            double baseBest = throttled ? java.util.Collections.max(fpsOf.get(staticEdge)) : bareBest;
            System.out.printf(Locale.ROOT, "%s | %.2f | %.2f | %.2f | %.2f%n", name, median(list),
                    java.util.Collections.max(list), median(list) / baseMedian,
                    java.util.Collections.max(list) / baseBest);
        });
        System.out.println();
        System.out.println("## every run (ms per frame by stage: the edge's, then extraction in the service, ReID)");
        System.out.println("run | frames/s | frames matched | with target | extracted at edge | switches | decode | "
                + "detect | track | crop+JPEG | extract (edge) | publish | extract (service) | match");
        for (Run r : runs) {
            StageTimes t = r.edge();
            System.out.printf(Locale.ROOT, "%s | %.2f | %d | %d | %d | %d | %.1f | %.1f | %.2f | %.1f | %.1f | %.2f "
                            + "| %.1f | %.1f%n", r.name(), r.fps(), r.frames(), r.withTarget(), r.atEdge(),
                    r.switches(), t.meanMs(StageTimes.Stage.DECODE), t.meanMs(StageTimes.Stage.DETECT),
                    t.meanMs(StageTimes.Stage.TRACK), t.meanMs(StageTimes.Stage.CROP),
                    t.meanMs(StageTimes.Stage.EXTRACT), t.meanMs(StageTimes.Stage.PUBLISH), r.feMs(), r.reidMs());
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Frames/s of decoding and detecting every sampled frame, and nothing else. */
    private double bare() throws Exception {
        long frames = 0;
        long detecting = 0;
        long t0 = System.nanoTime();
        try (PersonDetector hog = PersonDetector.create("hog", null);
             VideoSource source = VideoSource.open(video.toString(), fps)) {
            for (Frame f : source) {
                try (f) {
                    long d0 = System.nanoTime();
                    hog.detect(f.image());
                    detecting += System.nanoTime() - d0;
                    frames++;
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "bare detector loop: %.2f frames/s; ms per frame: detect %.1f, decode and the "
                + "rest %.1f%n", frames / seconds, detecting / 1e6 / frames, (seconds * 1e3 - detecting / 1e6) / frames);
        return frames / seconds;
    }

    /** The three workers' cores over REST on loopback; {@code delayMs} throttles extraction at the edge. */
    private Run pipeline(String name, PlacementPolicy.Mode mode, int delayMs) throws Exception {
        Path out = Files.createTempDirectory("reid-bench");
        AppearanceDescriptor descriptor = new AppearanceDescriptor();
        List<QueryImages.Query> q;
        try (PersonDetector hog = PersonDetector.create("hog", null)) {
            q = QueryImages.load(queries, hog, descriptor);
        }
        ReidSession session = new ReidSession(descriptor.name(), new Matcher(q.stream()
                .map(QueryImages.Query::feature).toList(), Matcher.Options.defaults(descriptor)),
                new ContactEstimator(), q, new ReidSession.Settings(out, ExpectedCameras.parse("1"),
                Duration.ofSeconds(60), true));
        StageTimes service = new StageTimes();
        StageTimes reid = new StageTimes();
        try (RestObjectSubscriber reidIn = new RestObjectSubscriber("127.0.0.1", 0);
             RestObjectSubscriber feIn = new RestObjectSubscriber("127.0.0.1", 0);
             ObjectPublisher feOut = Streams.publisher(rest(reidIn, reidIn));
             ObjectPublisher vaOut = Streams.publisher(rest(feIn, reidIn));
             PersonDetector hog = PersonDetector.create("hog", null);
             VideoSource source = VideoSource.open(video.toString(), fps)) {
            reidIn.subscribe(Topics.ENRICHED_OBJECT, (topic, m) -> {
                long t0 = System.nanoTime();
                session.handle((EnrichedObjects) m);
                reid.add(StageTimes.Stage.MATCH, System.nanoTime() - t0);
            });
            FeatureExtraction fe = new FeatureExtraction(descriptor, true);
            feIn.subscribe(Topics.OBJECT_DETECTION, (topic, m) -> {
                long t0 = System.nanoTime();
                EnrichedObjects e = fe.enrich((DetectedObjects) m);
                service.add(StageTimes.Stage.EXTRACT, System.nanoTime() - t0);
                feOut.publish(Topics.ENRICHED_OBJECT, e);
            });
            double rate = VideoAnalytics.frameRate(source, fps);
            VideoAnalytics va = new VideoAnalytics(hog, new ByteTracker(VideoAnalytics.trackerOptions(
                    WorkerContext.fromEnv(Map.of()), "hog", rate)), new VideoAnalytics.Options("cam-1",
                    video.getFileName().toString(), 960));
            PlacementPolicy policy = new PlacementPolicy(mode, false, PlacementPolicy.Options.forFps(rate));
            Repartition route = new Repartition(policy, mode == PlacementPolicy.Mode.CLOUD ? null
                    : new FeatureExtraction(descriptor, true), vaOut, va.times(), Duration.ofMillis(delayMs));
            long t0 = System.nanoTime();
            va.run(source, Instant.now(), route, () -> { });
            String ended = session.awaitEnd();
            double seconds = (System.nanoTime() - t0) / 1e9;
            ObjectNode summary = session.finish(ended, Duration.ofNanos(System.nanoTime() - t0));
            System.out.printf(Locale.ROOT, "%s: %.2f frames/s, %d frames matched, target in %d, %d extracted at the "
                            + "edge, %d switch(es) (%s)%n", name, summary.path("frames").asLong() / seconds,
                    summary.path("frames").asLong(), summary.path("framesWithTarget").asLong(), route.atEdge(),
                    policy.switches(), ended);
            return new Run(name, summary.path("frames").asLong(), summary.path("framesWithTarget").asLong(), seconds,
                    va.times(), service.meanMs(StageTimes.Stage.EXTRACT), reid.meanMs(StageTimes.Stage.MATCH),
                    route.atEdge(), policy.switches());
        } finally {
            descriptor.close();
            deleteTree(out);
        }
    }

    /** A REST sender's environment: object_detection to {@code fe}, enriched_object to {@code reid}. */
    private static WorkerContext rest(RestObjectSubscriber fe, RestObjectSubscriber reid) {
        return WorkerContext.fromEnv(Map.of("KAFKA_ENABLED", "false", "OBJECT_DETECTION_URL", fe.url().toString(),
                "ENRICHED_OBJECT_URL", reid.url().toString()));
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
