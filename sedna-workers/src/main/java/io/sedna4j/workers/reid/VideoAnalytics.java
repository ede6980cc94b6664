package io.sedna4j.workers.reid;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.WorkerContext;
import io.sedna4j.lib.inference.Detection;
import io.sedna4j.lib.stream.Box;
import io.sedna4j.lib.stream.DetectedObject;
import io.sedna4j.lib.stream.DetectedObjects;
import io.sedna4j.vision.Frame;
import io.sedna4j.vision.Image;
import io.sedna4j.vision.JpegCodec;
import io.sedna4j.vision.PersonDetector;
import io.sedna4j.vision.VideoSource;
import io.sedna4j.vision.tracking.ByteTracker;
import io.sedna4j.vision.tracking.Track;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One camera's detection and tracking: each frame's people are detected, tracked with ByteTrack, cut out as JPEG
 * crops and sent on as one {@link DetectedObjects}, with the frame itself (scaled down) for the ReID report, to a
 * {@link Sink}; then the stream's end. Each stage's time is kept ({@link #times()}). The core of {@link VideoAnalyticsWorker}, without the transport.
 */
final class VideoAnalytics {
    /** Sedna's worker keeps lost tracks for {@code track_buffer} = 100 frames at 30 fps (ByteTrack's own is 30). */
    static final int SEDNA_TRACK_BUFFER = 100;
    static final int CROP_QUALITY = 90;
    static final int FRAME_QUALITY = 85;

    /**
     * @param camera       the camera's name (message key)
     * @param videoId      the video the frames come from, or null
     * @param frameMaxSide the frame image is scaled so that its longer side is at most this; 0 sends no frame image
     */
    record Options(String camera, String videoId, int frameMaxSide) {
    }

    /** What one run did. */
    record Stats(long frames, long detections, int tracks, long skippedFrames) {
    }

    /** Where a camera's frames go: {@link Repartition} in the worker, a list or the codec in tests and benchmarks. */
    interface Sink {
        /** One processed frame, and the edge's time for it (decode, detect, track, crop) in nanoseconds. */
        void frame(DetectedObjects frame, long edgeNanos);

        /** After the last frame: {@code nextFrame} is one past the last frame number read, {@code at} its time. */
        void end(String camera, String videoId, long nextFrame, Instant at);

        /** Every frame, then the end marker, to {@code consumer}. */
        static Sink to(Consumer<DetectedObjects> consumer) {
            return new Sink() {
                private long sent;

                @Override
                public void frame(DetectedObjects frame, long edgeNanos) {
                    consumer.accept(frame);
                    sent++;
                }

                @Override
                public void end(String camera, String videoId, long nextFrame, Instant at) {
                    consumer.accept(EndOfStream.of(camera, videoId, nextFrame, at, sent));
                }
            };
        }
    }

    private final PersonDetector detector;
    private final ByteTracker tracker;
    private final Options options;
    private final Set<Integer> trackIds = new HashSet<>();
    private final StageTimes times = new StageTimes();
    private long frames;
    private long detections;

    VideoAnalytics(PersonDetector detector, ByteTracker tracker, Options options) {
        this.detector = detector;
        this.tracker = tracker;
        this.options = options;
    }

    /**
     * Tracker options: ByteTrack's for detectors with probability scores, {@link ByteTracker.Options#forHog()} for
     * HOG; Sedna's {@code track_buffer} of 100; {@code track_thresh}, {@code track_buffer} and {@code min_box_area}
     * from the environment override them; the frame rate is the rate frames arrive at after sampling.
     */
    static ByteTracker.Options trackerOptions(WorkerContext ctx, String detector, double frameRate) {
        ByteTracker.Options base = detector.equals("hog") ? ByteTracker.Options.forHog()
                : ByteTracker.Options.defaults();
        return new ByteTracker.Options((float) ctx.doubleParameter("track_thresh", base.trackThresh()),
                base.matchThresh(), ctx.intParameter("track_buffer", SEDNA_TRACK_BUFFER), frameRate,
                (float) ctx.doubleParameter("min_box_area", base.minBoxArea()), base.maxAspectRatio(),
                base.fuseScore());
    }

    /** The rate frames come at: the sampling rate, unless the video is slower; the video's rate for fps 0. */
    static double frameRate(VideoSource source, double fps) {
        double sourceFps = source.sourceFps();
        if (fps > 0) {
            return sourceFps > 0 ? Math.min(fps, sourceFps) : fps;
        }
        return sourceFps > 0 ? sourceFps : 30;
    }

    /** Frames the source will give: its declared count thinned by sampling, or -1 for a stream. */
    static long expectedFrames(VideoSource source) {
        if (source.isStream() || source.declaredFrames() <= 0) {
            return -1;
        }
        double ratio = source.targetFps() > 0 && source.sourceFps() > 0
                ? Math.min(1, source.targetFps() / source.sourceFps()) : 1;
        return Math.round(source.declaredFrames() * ratio);
    }

    /**
     * Reads {@code source} to its end: every frame goes to {@code sink}, then its end. {@code afterFrame} runs after
     * each frame (progress). Frames are time-stamped from {@code start} by their position in the video.
     */
    Stats run(VideoSource source, Instant start, Sink sink, Runnable afterFrame) {
        long next = 0;
        Instant last = start;
        Iterator<Frame> frames = source.iterator();
        while (true) {
            long t0 = System.nanoTime();
            if (!frames.hasNext()) {
                break;
            }
            try (Frame frame = frames.next()) {
                long decoded = System.nanoTime();
                times.add(StageTimes.Stage.DECODE, decoded - t0);
                last = start.plus(frame.timestamp());
                DetectedObjects message = process(frame.image(), frame.index(), last);
                next = frame.index() + 1;
                sink.frame(message, System.nanoTime() - t0);
            }
            afterFrame.run();
        }
        sink.end(options.camera(), options.videoId(), next, last);
        return stats(source.skippedFrames());
    }

    /** One frame: detect, track, crop (and the frame image). */
    DetectedObjects process(Image image, long index, Instant timestamp) {
        long t0 = System.nanoTime();
        List<Detection> people = detector.detect(image);
        long t1 = System.nanoTime();
        List<Track> tracks = tracker.update(people);
        long t2 = System.nanoTime();
        List<DetectedObject> objects = new ArrayList<>(tracks.size());
        for (Track t : tracks) {
            trackIds.add(t.id());
            objects.add(new DetectedObject(t.id(), Box.of(t.box()), t.score(), crop(image, t.box())));
        }
        byte[] frameJpeg = frameJpeg(image);
        times.add(StageTimes.Stage.DETECT, t1 - t0);
        times.add(StageTimes.Stage.TRACK, t2 - t1);
        times.add(StageTimes.Stage.CROP, System.nanoTime() - t2);
        frames++;
        detections += objects.size();
        return new DetectedObjects(new io.sedna4j.lib.stream.Frame(options.camera(), options.videoId(), index,
                timestamp, image.width(), image.height()), objects, frameJpeg);
    }

    /** Where this camera's time went so far. */
    StageTimes times() {
        return times;
    }

    Stats stats(long skipped) {
        return new Stats(frames, detections, trackIds.size(), skipped);
    }

    private static byte[] crop(Image image, Detection box) {
        try (Image crop = image.crop(box)) {
            return JpegCodec.encode(crop, CROP_QUALITY);
        } catch (LibException outside) {
            return null; // a predicted box that left the picture: the person travels without a crop
        }
    }

    private byte[] frameJpeg(Image image) {
        int max = options.frameMaxSide();
        if (max <= 0) {
            return null;
        }
        int longer = Math.max(image.width(), image.height());
        if (longer <= max) {
            return JpegCodec.encode(image, FRAME_QUALITY);
        }
        try (Image small = image.scale((double) max / longer)) {
            return JpegCodec.encode(small, FRAME_QUALITY);
        }
    }
}
