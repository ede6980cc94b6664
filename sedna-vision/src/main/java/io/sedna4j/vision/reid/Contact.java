package io.sedna4j.vision.reid;

import java.time.Duration;

/**
 * A close contact between the person of interest and someone else on one camera.
 *
 * @param camera        where it happened
 * @param targetTrackId the target's track id when the contact began
 * @param otherTrackId  the other person's track id
 * @param start         timestamp of the first close frame
 * @param end           timestamp of the last close frame plus one frame interval (so n close frames at f fps last
 *                      n/f seconds)
 * @param minDistance   the least foot-to-foot distance seen, in person heights
 */
public record Contact(String camera, int targetTrackId, int otherTrackId, Duration start, Duration end,
                      double minDistance) {
    public Duration duration() {
        return end.minus(start);
    }
}
