package io.sedna4j.workers.reid;

import io.sedna4j.lib.stream.DetectedObjects;
import io.sedna4j.lib.stream.Frame;
import io.sedna4j.lib.stream.ObjectMessage;
import java.time.Instant;
import java.util.List;

/**
 * The last message of a camera's stream, which tells the ReID job that a camera is done: header version 2's
 * {@code endOfStream}, with the number of frame messages sent before it, so that the ReID job also waits for frames
 * still on their way through the other path after a repartition (docs/multi-edge-messages.md). Feature extraction
 * passes it through as an {@code EnrichedObjects} with the same header, as it does every frame.
 *
 * <p>Still understood, never written: version 1's convention of an empty 0x0 message with no frame image (what
 * Sedna4J's first release sent). Edge nodes are upgraded on their own schedule, and a camera whose old worker's end
 * went unnoticed would hold the ReID job until {@code idle_seconds}; no real frame is 0x0, so it is unambiguous.
 */
public final class EndOfStream {
    private EndOfStream() {
    }

    /**
     * The marker for {@code camera}: {@code nextFrame} is one past the last frame number read (0 if none),
     * {@code framesSent} how many frame messages the camera sent.
     */
    public static DetectedObjects of(String camera, String videoId, long nextFrame, Instant at, long framesSent) {
        return new DetectedObjects(Frame.endOfStream(camera, videoId, nextFrame, at, framesSent), List.of(), null);
    }

    /** Whether {@code message} ends its camera's stream (see the class comment). */
    public static boolean is(ObjectMessage message) {
        Frame f = message.frame();
        return f.isEnd() || f.width() == 0 && f.height() == 0 && message.size() == 0 && message.frameJpeg() == null;
    }

    /** How many frames the camera sent before its end, or -1 when the marker does not say (version 1). */
    public static long framesSent(ObjectMessage message) {
        return message.frame().isEnd() ? message.frame().end().frames() : -1;
    }
}
