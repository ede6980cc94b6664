package io.sedna4j.lib.stream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** What a feature extraction worker publishes per frame: the same frame and objects, each with its embedding. */
public record EnrichedObjects(Frame frame, List<EnrichedObject> objects, byte[] frameJpeg) implements ObjectMessage {
    public static final String SCHEMA = "sedna4j.enriched-objects";

    public EnrichedObjects {
        Objects.requireNonNull(frame, "frame");
        objects = List.copyOf(objects);
    }

    /**
     * {@code detected} with one embedding per object, in order. Without {@code keepImages} (privacy mode: only
     * embeddings leave the edge) crops and the frame are dropped.
     */
    public static EnrichedObjects of(DetectedObjects detected, List<Embedding> embeddings, boolean keepImages) {
        if (embeddings.size() != detected.size()) {
            throw new IllegalArgumentException("frame " + detected.frame().number() + " of camera "
                    + detected.camera() + " has " + detected.size() + " objects but " + embeddings.size()
                    + " embeddings were given");
        }
        List<EnrichedObject> objects = new ArrayList<>(embeddings.size());
        for (int i = 0; i < embeddings.size(); i++) {
            objects.add(EnrichedObject.of(detected.objects().get(i), embeddings.get(i), keepImages));
        }
        return new EnrichedObjects(detected.frame(), objects, keepImages ? detected.frameJpeg() : null);
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
        return o instanceof EnrichedObjects e && frame.equals(e.frame) && objects.equals(e.objects)
                && Arrays.equals(frameJpeg, e.frameJpeg);
    }

    @Override
    public int hashCode() {
        return Objects.hash(frame, objects) * 31 + Arrays.hashCode(frameJpeg);
    }

    @Override
    public String toString() {
        return "EnrichedObjects[" + frame + ", " + objects.size() + " objects, frameJpeg="
                + (frameJpeg == null ? "none" : frameJpeg.length + " bytes") + "]";
    }
}
