package io.sedna4j.workers.reid;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.sedna4j.lib.LibException;
import io.sedna4j.lib.WorkerContext;
import io.sedna4j.lib.stream.ObjectPublisher;
import io.sedna4j.lib.stream.Streams;
import io.sedna4j.lib.stream.Topics;
import io.sedna4j.vision.PersonDetector;
import io.sedna4j.vision.VideoSource;
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
 * {@code video_address}, samples it at {@code fps}, detects people and tracks them with ByteTrack, and publishes one
 * {@code sedna4j.detected-objects} message per frame to topic {@code object_detection} (person crops as JPEG, the
 * frame scaled to at most 960 px for the ReID report), then the {@link EndOfStream} marker. Writes
 * {@code progress.json} ({@code processed}, {@code total}: -1 for a stream; {@code skipped}: frames that
 * failed to decode; {@code done}) to {@code output_dir} as it goes, and
 * exits 0 at the end of a file once every message is delivered.
 *
 * <p>Environment (Sedna's names where Sedna has them): {@code video_address} (required: a file, rtsp://, http(s)://),
 * {@code fps} (sampling, default 5 as Sedna's example; 0 = every frame), {@code video_id} (the camera's name; else
 * {@code camera}, else the node's name), {@code detector} ({@code hog} default, {@code nanodet}, {@code centernet}
 * with MODEL_URL), {@code track_thresh}, {@code track_buffer} (100), {@code min_box_area} (200), {@code
 * frame_max_side} (960; 0 sends no frame image), {@code output_dir} (default {@code output/<job>}), and the
 * transport's (KAFKA_ENABLED, KAFKA_BIND_IPS, KAFKA_BIND_PORTS, or OBJECT_DETECTION_URL for REST).
 */
public final class VideoAnalyticsWorker {
    static final String NAME = "video-analytics";
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
        try (PersonDetector detector = PersonDetectors.create(ctx, "hog");
             VideoSource source = VideoSource.open(video, fps);
             ObjectPublisher publisher = Streams.publisher(ctx)) {
            ByteTracker tracker = new ByteTracker(VideoAnalytics.trackerOptions(ctx, detectorName,
                    VideoAnalytics.frameRate(source, fps)));
            VideoAnalytics va = new VideoAnalytics(detector, tracker, new VideoAnalytics.Options(camera,
                    videoId(source), ctx.intParameter("frame_max_side", 960)));
            long total = VideoAnalytics.expectedFrames(source);
            System.out.println(NAME + ": camera " + camera + ", " + detector.name() + " and ByteTrack on "
                    + source.address() + " at " + (fps > 0 ? fps + " fps" : "every frame") + ", to topic "
                    + Topics.OBJECT_DETECTION);
            long[] processed = {0};
            progress(out, 0, total, 0, false);
            long ready = System.nanoTime();
            VideoAnalytics.Stats stats = va.run(source, Instant.now(),
                    m -> publisher.publish(Topics.OBJECT_DETECTION, m),
                    () -> progress(out, ++processed[0], total, source.skippedFrames(), false));
            if (!publisher.flush(DELIVERY)) {
                throw new LibException(publisher.stats().pending() + " of camera " + camera + "'s messages were not "
                        + "delivered to topic " + Topics.OBJECT_DETECTION + " within " + DELIVERY.toMinutes()
                        + " minutes; fix: check that the broker (KAFKA_BIND_IPS/KAFKA_BIND_PORTS) or receiver "
                        + "(OBJECT_DETECTION_URL) is up; a restart sends the video again, and duplicates are dropped");
            }
            progress(out, processed[0], processed[0], source.skippedFrames(), true);
            long end = System.nanoTime();
            System.out.println(NAME + ": done: " + stats.frames() + " frames, " + stats.detections() + " detections, "
                    + stats.tracks() + " tracks, " + stats.skippedFrames() + " skipped frames; "
                    + publisher.stats().delivered() + " messages delivered; " + String.format(java.util.Locale.ROOT,
                    "%.1f s to start, %.1f s for the video", (ready - started) / 1e9, (end - ready) / 1e9));
        }
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

    private static void progress(Path out, long processed, long total, long skipped, boolean done) {
        try {
            OutputFiles.writeJson(out.resolve("progress.json"), JsonNodeFactory.instance.objectNode()
                    .put("processed", processed).put("total", total).put("skipped", skipped).put("done", done));
        } catch (IOException e) {
            throw new LibException("cannot write " + out.resolve("progress.json") + ": " + e
                    + "; fix: make output_dir writable", e);
        }
    }
}
