package io.sedna4j.lib.stream;

import java.util.Arrays;
import java.util.Objects;

/** A tracked person with its appearance embedding; the crop travels only when the placement allows it. */
public record EnrichedObject(int track, Box box, float score, byte[] crop, Embedding embedding) {
    public EnrichedObject {
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(embedding, "embedding");
    }

    public static EnrichedObject of(DetectedObject d, Embedding embedding, boolean keepCrop) {
        return new EnrichedObject(d.track(), d.box(), d.score(), keepCrop ? d.crop() : null, embedding);
    }

    public boolean hasCrop() {
        return crop != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnrichedObject e && track == e.track && box.equals(e.box)
                && Float.compare(score, e.score) == 0 && Arrays.equals(crop, e.crop) && embedding.equals(e.embedding);
    }

    @Override
    public int hashCode() {
        return Objects.hash(track, box, score, embedding) * 31 + Arrays.hashCode(crop);
    }

    @Override
    public String toString() {
        return "EnrichedObject[track=" + track + ", box=" + box + ", score=" + score
                + ", crop=" + (crop == null ? "none" : crop.length + " bytes") + ", " + embedding + "]";
    }
}
