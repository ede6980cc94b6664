package io.sedna4j.lib.stream;

import java.util.Arrays;
import java.util.Objects;

/** One tracked person in a frame: track id, box, detector score and, optionally, its crop as JPEG. */
public record DetectedObject(int track, Box box, float score, byte[] crop) {
    public DetectedObject {
        Objects.requireNonNull(box, "box");
    }

    public boolean hasCrop() {
        return crop != null;
    }

    // records compare arrays by identity; messages compare by content (round trips, de-duplication tests)
    @Override
    public boolean equals(Object o) {
        return o instanceof DetectedObject d && track == d.track && box.equals(d.box)
                && Float.compare(score, d.score) == 0 && Arrays.equals(crop, d.crop);
    }

    @Override
    public int hashCode() {
        return Objects.hash(track, box, score) * 31 + Arrays.hashCode(crop);
    }

    @Override
    public String toString() {
        return "DetectedObject[track=" + track + ", box=" + box + ", score=" + score
                + ", crop=" + (crop == null ? "none" : crop.length + " bytes") + "]";
    }
}
