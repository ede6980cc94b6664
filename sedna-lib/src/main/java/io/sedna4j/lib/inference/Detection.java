package io.sedna4j.lib.inference;

/**
 * One detected object: a box in pixels of the image it was found in, a confidence from 0 to 1, and a class index
 * (COCO's 0 is a person). Hard example mining, tracking and drawing all read this one type.
 */
public record Detection(float x1, float y1, float x2, float y2, float score, int label) {
    public float width() {
        return x2 - x1;
    }

    public float height() {
        return y2 - y1;
    }
}
