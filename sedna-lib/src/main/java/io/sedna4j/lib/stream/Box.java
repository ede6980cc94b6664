package io.sedna4j.lib.stream;

import io.sedna4j.lib.inference.Detection;

/** A box in pixels of the frame: top-left (x1, y1) and bottom-right (x2, y2), as Sedna's bboxes. */
public record Box(float x1, float y1, float x2, float y2) {
    public static Box of(Detection d) {
        return new Box(d.x1(), d.y1(), d.x2(), d.y2());
    }

    public float width() {
        return x2 - x1;
    }

    public float height() {
        return y2 - y1;
    }
}
