package io.sedna4j.vision;

import io.sedna4j.lib.LibException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Set;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.opencv.core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frames from a video file or a stream, decoded by FFmpeg: Sedna's {@code video_address} and {@code fps}.
 *
 * <ul>
 *   <li>Address: a file path, {@code file://path}, or an {@code rtsp://}, {@code rtmp://}, {@code http(s)://},
 *       {@code udp://}, {@code srt://} URL, handed to FFmpeg as it is (no shell). RTSP goes over TCP.</li>
 *   <li>{@code fps}: frames are kept at most this often by the source's own clock (a frame when 1/fps seconds of
 *       stream time have passed since the last kept one, like Sedna's detection worker); 0 keeps every frame.</li>
 *   <li>Damage is not fatal: a frame that fails to decode is skipped and counted ({@link #skippedFrames()}), seen
 *       as a gap in timestamps or a decoder error; a file that ends before the frames its header declares counts
 *       the rest as skipped. Only a source that cannot be opened throws.</li>
 * </ul>
 *
 * <p>Iterate it once, from one thread; close it (and each {@link Frame}) when done.
 */
public final class VideoSource implements Iterable<Frame>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VideoSource.class);
    private static final Set<String> STREAMS = Set.of("rtsp", "rtsps", "rtmp", "rtmps", "http", "https", "udp", "tcp", "srt");
    private static final int MAX_CONSECUTIVE_ERRORS = 50;
    private static final long TOLERANCE_MICROS = 1000; // timestamps are whole microseconds, periods are not
    private static final double DISCONTINUITY_SECONDS = 10;

    private final String address;
    private final boolean stream;
    private final double targetFps;
    private final FFmpegFrameGrabber grabber;
    private final OpenCVFrameConverter.ToOrgOpenCvCoreMat converter = new OpenCVFrameConverter.ToOrgOpenCvCoreMat();
    private final long declaredFrames;

    private long firstTs = -1;
    private long lastIndex = -1;
    private long lastTs = -1;
    private double nextDue = -1;
    private long decoded;
    private long emitted;
    private long skipped;
    private int consecutiveErrors;
    private boolean ended;

    private VideoSource(String address, boolean stream, double targetFps, FFmpegFrameGrabber grabber) {
        this.address = address;
        this.stream = stream;
        this.targetFps = targetFps;
        this.grabber = grabber;
        this.declaredFrames = stream ? -1 : declaredFrames(grabber);
    }

    /** Every frame of {@code address}. */
    public static VideoSource open(String address) {
        return open(address, 0);
    }

    /** Frames of {@code address} sampled at {@code fps} (0: every frame), with a 10 s network timeout. */
    public static VideoSource open(String address, double fps) {
        return open(address, fps, Duration.ofSeconds(10));
    }

    /** As {@link #open(String, double)}; {@code timeout} bounds each network read of a stream. */
    public static VideoSource open(String address, double fps, Duration timeout) {
        Natives.load();
        String shown = redact(address);
        if (!(fps >= 0) || Double.isInfinite(fps)) {
            throw new LibException("fps for video " + shown + " must be a number >= 0 (0: every frame), got " + fps
                    + "; fix: set fps to e.g. 5");
        }
        String scheme = scheme(address);
        boolean stream = STREAMS.contains(scheme);
        String input = address;
        if (!stream) {
            if (!scheme.isEmpty() && !scheme.equals("file")) {
                throw new LibException("video address " + shown + " uses '" + scheme + "://', which this worker cannot read directly"
                        + "; fix: give a file path or an rtsp/rtmp/http(s) stream URL (download s3:// objects first)");
            }
            Path file = Path.of(scheme.isEmpty() ? address : address.substring("file://".length()));
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new LibException("video file " + file.toAbsolutePath() + " (video address " + shown + ") "
                        + (Files.exists(file) ? "is not a readable file" : "does not exist") + "; fix: check the video address and the file");
            }
            input = file.toString();
        }
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(input);
        if (stream) {
            String micros = Long.toString(timeout.toNanos() / 1000);
            grabber.setOption("rw_timeout", micros);
            if (scheme.startsWith("rtsp")) {
                grabber.setOption("rtsp_transport", "tcp"); // UDP loses packets (grey smears) on busy links
                grabber.setOption("timeout", micros);
            }
        }
        try {
            grabber.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            closeQuietly(grabber);
            // FFmpeg quotes the address it was given: mask the password there too
            throw new LibException("cannot open video " + shown + ": " + firstLine(e).replace(address, shown) + "; fix: "
                    + (stream ? "check that the stream is up and reachable from this node (ffprobe '" + shown + "')"
                            : "check that it is a video FFmpeg decodes (ffprobe '" + shown + "')"));
        }
        if (!grabber.hasVideo()) {
            closeQuietly(grabber);
            throw new LibException("video " + shown + " has no video stream (audio or data only); fix: give a video");
        }
        VideoSource source = new VideoSource(shown, stream, fps, grabber);
        log.info("Opened {}: {}x{} {} at {} fps, {} frames declared, sampling {}", shown, source.width(), source.height(),
                grabber.getVideoCodecName(), String.format(Locale.ROOT, "%.2f", source.sourceFps()),
                source.declaredFrames < 0 ? "no" : source.declaredFrames, fps > 0 ? "at " + fps + " fps" : "every frame");
        return source;
    }

    /** The next kept frame, or null at the end of the source. */
    public Frame read() {
        while (!ended) {
            org.bytedeco.javacv.Frame frame;
            try {
                frame = grabber.grabImage();
                consecutiveErrors = 0;
            } catch (FrameGrabber.Exception e) {
                skipped++;
                if (++consecutiveErrors >= MAX_CONSECUTIVE_ERRORS) {
                    log.warn("{}: {} decode errors in a row, last: {}; stopping", address, consecutiveErrors, firstLine(e));
                    finish();
                    return null;
                }
                log.debug("{}: a frame failed to decode, skipped: {}", address, firstLine(e));
                continue;
            }
            if (frame == null) {
                finish();
                return null;
            }
            long ts = grabber.getTimestamp();
            long index = place(ts);
            decoded++;
            if (!due(ts - firstTs)) {
                continue;
            }
            Mat mat = converter.convert(frame);
            if (mat == null || mat.empty()) {
                skipped++;
                continue;
            }
            emitted++;
            return new Frame(Image.own(mat.clone()), index, Duration.of(ts - firstTs, ChronoUnit.MICROS));
        }
        return null;
    }

    /** Reads until the end; see {@link #read()}. */
    @Override
    public Iterator<Frame> iterator() {
        return new Iterator<>() {
            private Frame next;
            private boolean fetched;

            @Override
            public boolean hasNext() {
                if (!fetched) {
                    next = read();
                    fetched = true;
                }
                return next != null;
            }

            @Override
            public Frame next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("video " + address + " has no more frames");
                }
                fetched = false;
                return next;
            }
        };
    }

    /** Its address, with any password in it masked. */
    public String address() {
        return address;
    }

    public boolean isStream() {
        return stream;
    }

    public int width() {
        return grabber.getImageWidth();
    }

    public int height() {
        return grabber.getImageHeight();
    }

    /** The source's frame rate as its container states it (0 if unknown). */
    public double sourceFps() {
        double fps = grabber.getVideoFrameRate();
        return fps > 0 && fps < 1000 ? fps : 0;
    }

    /** The sampling rate asked for; 0 = every frame. */
    public double targetFps() {
        return targetFps;
    }

    /** The frame count a file's header declares, or -1 (streams, or formats without one). */
    public long declaredFrames() {
        return declaredFrames;
    }

    /** Frames decoded so far, kept or not. */
    public long decodedFrames() {
        return decoded;
    }

    /** Frames returned so far. */
    public long emittedFrames() {
        return emitted;
    }

    /** Frames lost to damage so far: decode errors, timestamp gaps, and a file's missing tail. */
    public long skippedFrames() {
        return skipped;
    }

    @Override
    public void close() {
        ended = true;
        closeQuietly(grabber);
        converter.close();
    }

    /** The frame's index from its timestamp, counting any frames missing before it as skipped. */
    private long place(long ts) {
        double fps = sourceFps();
        if (firstTs < 0) {
            firstTs = ts;
        } else if (ts < lastTs || (fps > 0 && (ts - lastTs) / 1e6 > DISCONTINUITY_SECONDS)) {
            // a stream whose clock jumps (restart, wrap) is not damage: continue counting from here
            log.debug("{}: timestamp jumps from {} to {} us; renumbering", address, lastTs, ts);
            firstTs = ts - Math.round((lastIndex + 1) * 1e6 / Math.max(fps, 1));
        }
        lastTs = ts;
        long index = fps > 0 ? Math.round((ts - firstTs) * fps / 1e6) : lastIndex + 1;
        if (index <= lastIndex) {
            index = lastIndex + 1;
        } else if (index > lastIndex + 1) {
            long lost = index - lastIndex - 1;
            skipped += lost;
            log.warn("{}: {} frame(s) before frame {} did not decode (damaged data); skipped", address, lost, index);
        }
        lastIndex = index;
        return index;
    }

    private boolean due(long micros) {
        if (targetFps <= 0) {
            return true;
        }
        double period = 1e6 / targetFps;
        if (nextDue >= 0 && micros + TOLERANCE_MICROS < nextDue) {
            return false;
        }
        nextDue = nextDue < 0 ? micros + period : nextDue + period;
        if (nextDue <= micros) {
            nextDue = micros + period; // after a gap, do not burst to catch up
        }
        return true;
    }

    private void finish() {
        if (ended) {
            return;
        }
        ended = true;
        if (declaredFrames > 0 && lastIndex + 1 < declaredFrames) {
            long lost = declaredFrames - lastIndex - 1;
            skipped += lost;
            log.warn("{}: ended after frame {} of the {} it declares; {} frame(s) lost: the file is truncated or damaged",
                    address, lastIndex, declaredFrames, lost);
        }
        log.info("{}: {} frames decoded, {} returned, {} skipped", address, decoded, emitted, skipped);
    }

    private static long declaredFrames(FFmpegFrameGrabber grabber) {
        AVFormatContext context = grabber.getFormatContext();
        for (int i = 0; context != null && i < context.nb_streams(); i++) {
            AVStream s = context.streams(i);
            if (s.codecpar().codec_type() == avutil.AVMEDIA_TYPE_VIDEO) {
                return s.nb_frames() > 0 ? s.nb_frames() : -1;
            }
        }
        return -1;
    }

    private static String scheme(String address) {
        int i = address.indexOf("://");
        return i > 0 && address.substring(0, i).chars().allMatch(Character::isLetterOrDigit)
                ? address.substring(0, i).toLowerCase(Locale.ROOT) : "";
    }

    /** rtsp://user:secret@host → rtsp://user:***@host, for logs and messages. */
    static String redact(String address) {
        return address.replaceFirst("^([A-Za-z0-9]+://[^/@:]*:)[^/@]*@", "$1***@");
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).replace(" (For more details, make sure FFmpegLogCallback.set() has been called.)", "");
    }

    private static void closeQuietly(FFmpegFrameGrabber grabber) {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            log.debug("closing the grabber failed", e);
        }
    }
}
