package io.sedna4j.vision;

import java.time.Duration;

/**
 * One decoded frame of a {@link VideoSource}.
 *
 * @param image     the picture (BGR); the caller owns it and closes it, or the frame
 * @param index     its position in the source, counting frames lost to damage (0-based), so indices can skip
 * @param timestamp its presentation time from the start of the source
 */
public record Frame(Image image, long index, Duration timestamp) implements AutoCloseable {
    @Override
    public void close() {
        image.close();
    }
}
