package io.sedna4j.lib.stream;

import java.time.Instant;
import java.util.Objects;

/**
 * Which frame a message is about: the camera (also the message key, so one camera's frames stay in order), the
 * video it comes from (may be null), the frame number in that video, when it was taken, and its size in pixels.
 */
public record Frame(String camera, String videoId, long number, Instant timestamp, int width, int height) {
    public Frame {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(timestamp, "timestamp");
        if (camera.isEmpty() || number < 0 || width < 0 || height < 0) {
            throw new IllegalArgumentException("camera must not be empty and frame, width, height not negative: "
                    + camera + " " + number + " " + width + "x" + height);
        }
    }
}
