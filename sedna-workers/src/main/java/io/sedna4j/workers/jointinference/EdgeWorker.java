package io.sedna4j.workers.jointinference;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.lib.LibException;
import io.sedna4j.lib.WorkerContext;
import io.sedna4j.lib.inference.Detection;
import io.sedna4j.lib.jointinference.CloudClient;
import io.sedna4j.lib.jointinference.JointInference;
import io.sedna4j.lib.jointinference.Statistics;
import io.sedna4j.vision.Color;
import io.sedna4j.vision.DetectorEstimator;
import io.sedna4j.vision.Drawing;
import io.sedna4j.vision.Frame;
import io.sedna4j.vision.ImageCodec;
import io.sedna4j.vision.VideoSource;
import io.sedna4j.workers.PersonDetectors;
import io.sedna4j.workers.WorkerRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * {@code sedna4j/joint-inference-edge}: the small model of pedestrian joint inference. Detects people in each
 * sampled frame of {@code video_url} with a fast detector (HOG by default); frames that hard example mining judges
 * hard go to the cloud worker, and the cloud's answer is final when it comes. Writes annotated frames, a
 * {@code progress.json} while it runs and a {@code summary.json} at the end to {@code output_dir}, then exits.
 *
 * <p>Environment, besides Sedna's: {@code video_url} (file, rtsp://, http(s)://), {@code fps} (sampling; 0 = every
 * frame), {@code output_dir} (default {@code output/<service>}), {@code detector} (hog, nanodet, centernet),
 * {@code cloud_retry_seconds} (how long to answer alone after the cloud failed 3 times in a row; default 10).
 */
public final class EdgeWorker {
    private EdgeWorker() {
    }

    public static void main(String[] args) {
        WorkerRuntime.run("joint-inference-edge", () -> {
            WorkerContext ctx = WorkerContext.fromEnv();
            String video = ctx.parameter("video_url").orElseThrow(() -> new LibException("the edge worker needs "
                    + "video_url, the video to process (a file, rtsp:// or http:// URL); fix: add it to the edge "
                    + "worker's env"));
            Path out = Path.of(ctx.parameter("output_dir", "output/" + ctx.ownerName()));
            Files.createDirectories(out.resolve("frames"));
            try (DetectorEstimator detector = new DetectorEstimator(PersonDetectors.create(ctx, "hog"));
                 JointInference<io.sedna4j.vision.Image, List<Detection>> ji = JointInference.builder(detector)
                         .context(ctx).cloud(CloudClient.builder(ctx, new ImageCodec(), CloudWorker.DETECTIONS)
                                 .circuit(3, ctx.secondsParameter("cloud_retry_seconds", Duration.ofSeconds(10)))
                                 .build()).build();
                 VideoSource source = VideoSource.open(video, ctx.doubleParameter("fps", 0))) {
                System.out.println("joint-inference-edge: " + detector.name() + " on " + video + ", results in " + out);
                run(ji, source, out, video, detector.name());
            }
        });
    }

    private static void run(JointInference<io.sedna4j.vision.Image, List<Detection>> ji, VideoSource source, Path out,
                            String video, String detector) throws IOException {
        long started = System.nanoTime();
        long total = expected(source);
        ArrayNode frames = JsonNodeFactory.instance.arrayNode();
        for (Frame frame : source) {
            try (io.sedna4j.vision.Image image = frame.image()) {
                JointInference.Result<List<Detection>> r = ji.inference(image);
                Drawing.detections(image, r.finalResult(), i -> "person");
                Drawing.label(image, r.isHard() ? (r.usedFallback() ? "hard: cloud unreachable, edge result"
                        : "hard: cloud result") : "edge result", 8, 24, r.isHard() ? Color.RED : Color.GREEN);
                image.write(out.resolve("frames").resolve(String.format("%06d.jpg", frame.index())));
                frames.add(JsonNodeFactory.instance.objectNode().put("frame", frame.index())
                        .put("timeMs", frame.timestamp().toMillis()).put("hard", r.isHard())
                        .put("fallback", r.usedFallback()).put("edgePersons", r.edgeResult().size())
                        .put("finalPersons", r.finalResult().size()));
                write(out.resolve("progress.json"), JsonNodeFactory.instance.objectNode()
                        .put("processed", frames.size()).put("total", total));
            }
        }
        ji.report();
        Statistics.Snapshot s = ji.statistics().snapshot();
        ObjectNode summary = JsonNodeFactory.instance.objectNode().put("video", video).put("detector", detector)
                .put("frames", frames.size()).put("skippedFrames", source.skippedFrames())
                .put("hardExamples", s.hardExampleNumber()).put("uploadCloudRatio", s.uploadCloudRatio())
                .put("cloudFallbacks", s.cloudFallbacks())
                .put("edgeLatencyP50Ms", s.edgeLatencyP50Ms()).put("edgeLatencyP99Ms", s.edgeLatencyP99Ms())
                .put("cloudLatencyP50Ms", s.cloudLatencyP50Ms()).put("cloudLatencyP99Ms", s.cloudLatencyP99Ms())
                .put("wallSeconds", Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0);
        summary.set("perFrame", frames);
        write(out.resolve("summary.json"), summary);
        System.out.println("joint-inference-edge: done: " + frames.size() + " frames, " + s.hardExampleNumber()
                + " hard examples, " + s.cloudFallbacks() + " cloud fallbacks");
    }

    /** Frames the source will give: its declared count thinned by sampling, or -1 for a stream. */
    private static long expected(VideoSource source) {
        if (source.isStream() || source.declaredFrames() <= 0) {
            return -1;
        }
        double ratio = source.targetFps() > 0 && source.sourceFps() > 0
                ? Math.min(1, source.targetFps() / source.sourceFps()) : 1;
        return Math.round(source.declaredFrames() * ratio);
    }

    /** Written whole or not at all, so a reader never sees half a file. */
    private static void write(Path file, ObjectNode json) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, ResourceCodec.toPrettyJson(json));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
