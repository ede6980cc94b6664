package io.sedna4j.vision;

import io.sedna4j.lib.inference.Detection;

/**
 * Fits an image into a square model input without distorting it: scaled so its longer side fills the square,
 * placed top-left, the rest grey. Boxes found in the square map back by dividing by the scale.
 */
record Letterbox(int size, double scale, int width, int height) {

    static Letterbox of(Image image, int size) {
        return new Letterbox(size, (double) size / Math.max(image.width(), image.height()), image.width(), image.height());
    }

    Image apply(Image image) {
        try (Image scaled = image.resize(Math.max(1, (int) Math.round(width * scale)), Math.max(1, (int) Math.round(height * scale)))) {
            return scaled.placeOn(size, size, Color.GREY);
        }
    }

    /** A box in the square's pixels → the original image's pixels, clipped to it; null when nothing is left. */
    Detection toImage(float x1, float y1, float x2, float y2, float score, int label) {
        float ox1 = clamp(x1 / scale, width);
        float oy1 = clamp(y1 / scale, height);
        float ox2 = clamp(x2 / scale, width);
        float oy2 = clamp(y2 / scale, height);
        return ox2 > ox1 && oy2 > oy1 ? new Detection(ox1, oy1, ox2, oy2, score, label) : null;
    }

    private static float clamp(double v, int max) {
        return (float) Math.max(0, Math.min(max, v));
    }
}
