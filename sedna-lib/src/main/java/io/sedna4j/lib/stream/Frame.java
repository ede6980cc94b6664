package io.sedna4j.lib.stream;

import java.time.Instant;
import java.util.Objects;

/**
 * Which frame a message is about: the camera (also the message key, so one camera's frames stay in order), the
 * video it comes from (may be null), the frame number in that video, when it was taken, and its size in pixels.
 * A message whose {@link #end} is set is no frame but the end of the camera's stream (header version 2).
 *
 * @param end null for a frame; for the end of a stream, how many frame messages the camera sent before it
 */
public record Frame(String camera, String videoId, long number, Instant timestamp, int width, int height,
                    StreamEnd end) {
    public Frame {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(timestamp, "timestamp");
        if (camera.isEmpty() || number < 0 || width < 0 || height < 0) {
            throw new IllegalArgumentException("camera must not be empty and frame, width, height not negative: "
                    + camera + " " + number + " " + width + "x" + height);
        }
    }

    /** A frame (not the end of a stream). */
    public Frame(String camera, String videoId, long number, Instant timestamp, int width, int height) {
        this(camera, videoId, number, timestamp, width, height, null);
    }

    /**
     * The end of {@code camera}'s stream: {@code number} is one past the last frame number read (so it never
     * collides with a frame in de-duplication), {@code framesSent} how many frame messages went out before it.
     */
    public static Frame endOfStream(String camera, String videoId, long number, Instant timestamp, long framesSent) {
        return new Frame(camera, videoId, number, timestamp, 0, 0, new StreamEnd(framesSent));
    }

    public boolean isEnd() {
        return end != null;
    }

    /** The header's {@code endOfStream} object. */
    public record StreamEnd(long frames) {
        public StreamEnd {
            if (frames < 0) {
                throw new IllegalArgumentException("frames sent must not be negative: " + frames);
            }
        }
    }
}
