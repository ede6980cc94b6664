package io.sedna4j.workers.reid;

import io.sedna4j.lib.stream.DetectedObjects;
import io.sedna4j.lib.stream.Frame;
import io.sedna4j.lib.stream.ObjectMessage;
import java.time.Instant;
import java.util.List;

/**
 * The last message of a camera's stream, which tells the ReID job that a camera is done.
 *
 * <p>Version 1 of the message schema (docs/multi-edge-messages.md) has no field for it, and its Java types carry no
 * extra header field, so the marker is a message that no real frame can be: <b>width and height 0, no objects and
 * no frame image</b> (a decoded frame always has a size). Its frame number is one past the last frame the video
 * analytics worker read, so it never collides with a frame in de-duplication. Feature extraction passes it through
 * as an {@code EnrichedObjects} with the same header, as it does every frame. A reader that does not know the
 * convention sees a frame with no people in it, which is harmless.
 */
public final class EndOfStream {
    private EndOfStream() {
    }

    /** The marker for {@code camera}: {@code nextFrame} is one past the last frame number read (0 if none). */
    public static DetectedObjects of(String camera, String videoId, long nextFrame, Instant at) {
        return new DetectedObjects(new Frame(camera, videoId, nextFrame, at, 0, 0), List.of(), null);
    }

    /** Whether {@code message} ends its camera's stream (see the class comment). */
    public static boolean is(ObjectMessage message) {
        return message.frame().width() == 0 && message.frame().height() == 0 && message.size() == 0
                && message.frameJpeg() == null;
    }
}
