package io.sedna4j.workers.reid;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedna4j.api.v1alpha1.VideoAnalyticsJob;
import io.sedna4j.lib.LibException;
import io.sedna4j.lib.WorkerContext;
import io.sedna4j.lib.stream.ObjectPublisher;
import io.sedna4j.lib.stream.Streams;
import io.sedna4j.vision.PersonDetector;
import io.sedna4j.vision.VideoSource;
import io.sedna4j.vision.reid.FeatureExtractor;
import io.sedna4j.vision.tracking.ByteTracker;
import io.sedna4j.workers.PersonDetectors;
import io.sedna4j.workers.WorkerRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code sedna4j/video-analytics}: a VideoAnalyticsJob's worker, one per camera, on the camera's edge node. Reads
 * {@code video_address}, samples it at {@code fps}, detects people and tracks them with ByteTrack, and sends each
 * frame one of two ways ({@link Repartition}, as its {@link PlacementPolicy} decides from the edge's load and queue
 * lag): a {@code sedna4j.detected-objects} message to topic {@code object_detection} (person crops as JPEG, the frame
 * scaled to at most 960 px for the ReID report) for the feature extraction service, or, with the features extracted
 * here, a {@code sedna4j.enriched-objects} message to {@code enriched_object}; then the {@link EndOfStream}. Reports
 * frames, fps, detections, queue lag and placement to its LC ({@link StreamReport}). Writes
 * {@code progress.json} ({@code processed}, {@code total}: -1 for a stream; {@code skipped}: frames that
 * failed to decode; {@code done}; at the end {@code framesExtractedAtEdge}, {@code placementSwitches}) to
 * {@code output_dir} as it goes, and
 * exits 0 at the end of a file once every message is delivered.
 *
 * <p>Environment (Sedna's names where Sedna has them): {@code video_address} (required: a file, rtsp://, http(s)://),
 * {@code fps} (sampling, default 5 as Sedna's example; 0 = every frame), {@code video_id} (the camera's name; else
 * {@code camera}, else the node's name), {@code detector} ({@code hog} default, {@code nanodet}, {@code centernet}
 * with MODEL_URL), {@code track_thresh}, {@code track_buffer} (100), {@code min_box_area} (200), {@code
 * frame_max_side} (960; 0 sends no frame image), {@code output_dir} (default {@code output/<job>}),
 * {@code feature_extraction} ({@code auto} default, {@code edge}, {@code cloud}), {@code privacy} ({@code none}
 * default; {@code edge-only}: features extracted here, no crop or frame leaves the node), FEATURE_MODEL_URL (the
 * feature extraction service's model, set by the GM; built-in descriptor when unset), {@code edge_extract_delay_ms}
 * (0; an artificial delay per frame extracted here, to stand for a slow edge in benchmarks), and the transport's
 * (KAFKA_ENABLED, KAFKA_BIND_IPS, KAFKA_BIND_PORTS, or OBJECT_DETECTION_URL and ENRICHED_OBJECT_URL for REST).
 */
public final class VideoAnalyticsWorker {
    static final String NAME = "video-analytics";
    /** The feature extraction service's model, set by the GM, for extracting features here. */
    static final String FEATURE_MODEL_URL = "FEATURE_MODEL_URL";
    private static final Duration DELIVERY = Duration.ofMinutes(2);

    private VideoAnalyticsWorker() {
    }

    public static void main(String[] args) {
        WorkerRuntime.run(NAME, () -> run(WorkerContext.fromEnv()));
    }

    static void run(WorkerContext ctx) throws IOException {
        long started = System.nanoTime();
        String video = ctx.parameter("video_address").orElseThrow(() -> new LibException("the video analytics worker "
                + "needs video_address, the camera's video (a file, rtsp:// or http:// URL); fix: add it to the "
                + "container's env"));
        double fps = ctx.doubleParameter("fps", 5);
        String camera = camera(ctx);
        Path out = Path.of(ctx.parameter("output_dir", "output/" + ctx.ownerName()));
        Files.createDirectories(out);
        String detectorName = PersonDetectors.name(ctx, "hog");
        boolean edgeOnly = privacy(ctx);
        PlacementPolicy.Mode wanted = PlacementPolicy.Mode.parse(ctx.parameter(
                VideoAnalyticsJob.FEATURE_EXTRACTION_ENV, "auto"));
        Duration delay = Duration.ofMillis(ctx.intParameter("edge_extract_delay_ms", 0));
        FeatureExtractor edgeExtractor = edgeExtractor(ctx, wanted, edgeOnly);
        PlacementPolicy.Mode mode = edgeExtractor == null ? PlacementPolicy.Mode.CLOUD : wanted;
        try (FeatureExtractor extractor = edgeExtractor;
             PersonDetector detector = PersonDetectors.create(ctx, "hog");
             VideoSource source = VideoSource.open(video, fps);
             ObjectPublisher publisher = Streams.publisher(ctx)) {
            double rate = VideoAnalytics.frameRate(source, fps);
            ByteTracker tracker = new ByteTracker(VideoAnalytics.trackerOptions(ctx, detectorName, rate));
            // in privacy mode the frame image is not even made: nothing but embeddings leaves the node
            VideoAnalytics va = new VideoAnalytics(detector, tracker, new VideoAnalytics.Options(camera,
                    videoId(source), edgeOnly ? 0 : ctx.intParameter("frame_max_side", 960)));
            PlacementPolicy policy = new PlacementPolicy(mode, edgeOnly, PlacementPolicy.Options.forFps(rate));
            Repartition route = new Repartition(policy, extractor == null ? null
                    : new FeatureExtraction(extractor, !edgeOnly, !edgeOnly), publisher, va.times(), delay);
            long total = VideoAnalytics.expectedFrames(source);
            System.out.println(NAME + ": camera " + camera + ", " + detector.name() + " and ByteTrack on "
                    + source.address() + " at " + (fps > 0 ? fps + " fps" : "every frame") + "; features extracted "
                    + (mode == PlacementPolicy.Mode.AUTO ? "where the edge's load says (starting at the edge)"
                    : "at the " + mode.name().toLowerCase(java.util.Locale.ROOT))
                    + (edgeOnly ? ", privacy edge-only: only embeddings leave this node" : ""));
            long[] processed = {0};
            writeProgress(out, progress(0, total, 0, false));
            long ready = System.nanoTime();
            VideoAnalytics.Stats stats;
            try (StreamReport report = new StreamReport(ctx, "videoanalyticsjob",
                    () -> statistics(va, route, publisher, processed[0], ready))) {
                stats = va.run(source, Instant.now(), route,
                        () -> writeProgress(out, progress(++processed[0], total, source.skippedFrames(), false)));
                if (!publisher.flush(DELIVERY)) {
                    throw new LibException(publisher.stats().pending() + " of camera " + camera + "'s messages were "
                            + "not delivered within " + DELIVERY.toMinutes() + " minutes; fix: check that the broker "
                            + "(KAFKA_BIND_IPS/KAFKA_BIND_PORTS) or receivers (OBJECT_DETECTION_URL, "
                            + "ENRICHED_OBJECT_URL) are up; a restart sends the video again, and duplicates are dropped");
                }
            }
            ObjectNode done = progress(processed[0], processed[0], source.skippedFrames(), true)
                    .put("framesExtractedAtEdge", route.atEdge()).put("placementSwitches", policy.switches());
            writeProgress(out, done);
            long end = System.nanoTime();
            System.out.println(NAME + ": done: " + stats.frames() + " frames, " + stats.detections() + " detections, "
                    + stats.tracks() + " tracks, " + stats.skippedFrames() + " skipped frames; features of "
                    + route.atEdge() + " frames extracted here, " + policy.switches() + " placement switch(es); "
                    + publisher.stats().delivered() + " messages delivered; " + String.format(java.util.Locale.ROOT,
                    "%.1f s to start, %.1f s for the video; ms per frame: %s", (ready - started) / 1e9,
                    (end - ready) / 1e9, va.times().toJson()));
        }
    }

    /**
     * The extractor for features computed here: none when placed in the cloud; for {@code auto}, none either when
     * the model cannot be loaded here (then the cloud does it all, with a warning); for {@code edge} and privacy
     * edge-only, the model must load.
     */
    static FeatureExtractor edgeExtractor(WorkerContext ctx, PlacementPolicy.Mode mode, boolean edgeOnly) {
        if (mode == PlacementPolicy.Mode.CLOUD) {
            return null;
        }
        try {
            return Extractors.create(ctx, FEATURE_MODEL_URL);
        } catch (LibException e) {
            if (mode == PlacementPolicy.Mode.EDGE || edgeOnly) {
                throw e;
            }
            System.out.println(NAME + ": features cannot be extracted on this node (" + e.getMessage() + "); the "
                    + "feature extraction service extracts them all");
            return null;
        }
    }

    /** {@code privacy}: edge-only (only embeddings leave the node) or none. */
    static boolean privacy(WorkerContext ctx) {
        String value = ctx.parameter(VideoAnalyticsJob.PRIVACY_ENV, VideoAnalyticsJob.PRIVACY_NONE).strip();
        if (!VideoAnalyticsJob.PRIVACY_VALUES.contains(value)) {
            throw new LibException("privacy=\"" + value + "\" is not a privacy mode; fix: set it to edge-only (person "
                    + "crops and frames never leave the camera's node) or none");
        }
        return value.equals(VideoAnalyticsJob.PRIVACY_EDGE_ONLY);
    }

    /** What goes to the LC: frames, fps, detections, queue lag, placement, and where a frame's time goes. */
    private static ObjectNode statistics(VideoAnalytics va, Repartition route, ObjectPublisher publisher,
                                         long processed, long ready) {
        VideoAnalytics.Stats s = va.stats(0);
        double seconds = (System.nanoTime() - ready) / 1e9;
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("frames", processed).put("fps", Math.round(processed / Math.max(seconds, 1e-3) * 10) / 10.0)
                .put("detections", s.detections()).put("tracks", s.tracks())
                .put("queueLag", publisher.stats().pending())
                .put("featureExtraction", PlacementPolicy.name(route.policy().current())
                        + (route.policy().edgeOnly() ? " (privacy edge-only)" : ""))
                .put("framesExtractedAtEdge", route.atEdge()).put("placementSwitches", route.policy().switches())
                .put("edgeLoadMs", Math.round(route.policy().projectedEdgeMs() * 10) / 10.0);
        o.set("msPerFrame", va.times().toJson());
        return o;
    }

    /** The camera's name: {@code video_id} (Sedna's), else {@code camera}, else the node's name. */
    static String camera(WorkerContext ctx) {
        return ctx.parameter("video_id").or(() -> ctx.parameter("camera")).or(ctx::nodeName)
                .orElse(ctx.workerName());
    }

    /** A file's name, or a stream's address (with any password masked). */
    private static String videoId(VideoSource source) {
        if (source.isStream()) {
            return source.address();
        }
        Path name = Path.of(source.address().replaceFirst("^file://", "")).getFileName();
        return name == null ? source.address() : name.toString();
    }

    private static ObjectNode progress(long processed, long total, long skipped, boolean done) {
        return JsonNodeFactory.instance.objectNode()
                .put("processed", processed).put("total", total).put("skipped", skipped).put("done", done);
    }

    private static void writeProgress(Path out, ObjectNode progress) {
        try {
            OutputFiles.writeJson(out.resolve("progress.json"), progress);
        } catch (IOException e) {
            throw new LibException("cannot write " + out.resolve("progress.json") + ": " + e
                    + "; fix: make output_dir writable", e);
        }
    }
}
