package io.sedna4j.lib.stream;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** What a video analytics worker publishes per processed frame: the tracked people, with crops, and maybe the frame. */
public record DetectedObjects(Frame frame, List<DetectedObject> objects, byte[] frameJpeg) implements ObjectMessage {
    public static final String SCHEMA = "sedna4j.detected-objects";

    public DetectedObjects {
        Objects.requireNonNull(frame, "frame");
        objects = List.copyOf(objects);
    }

    @Override
    public String schema() {
        return SCHEMA;
    }

    @Override
    public int size() {
        return objects.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DetectedObjects d && frame.equals(d.frame) && objects.equals(d.objects)
                && Arrays.equals(frameJpeg, d.frameJpeg);
    }

    @Override
    public int hashCode() {
        return Objects.hash(frame, objects) * 31 + Arrays.hashCode(frameJpeg);
    }

    @Override
    public String toString() {
        return "DetectedObjects[" + frame + ", " + objects.size() + " objects, frameJpeg="
                + (frameJpeg == null ? "none" : frameJpeg.length + " bytes") + "]";
    }
}
