package io.sedna4j.lib.stream;

/**
 * What flows between the multi-edge inference workers, one message per processed frame: {@link DetectedObjects} on
 * {@link Topics#OBJECT_DETECTION}, {@link EnrichedObjects} on {@link Topics#ENRICHED_OBJECT}. {@link MessageCodec}
 * turns them into bytes and back.
 */
public sealed interface ObjectMessage permits DetectedObjects, EnrichedObjects {
    /** The schema name written in the header, e.g. "sedna4j.detected-objects". */
    String schema();

    Frame frame();

    /** The whole frame as JPEG, or null when only crops (or nothing) travel. */
    byte[] frameJpeg();

    /** How many objects the frame holds. */
    int size();

    /** The camera, also the message key: one camera's frames go to one partition, in order. */
    default String camera() {
        return frame().camera();
    }
}
