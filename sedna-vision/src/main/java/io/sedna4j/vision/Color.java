package io.sedna4j.vision;

import org.opencv.core.Scalar;

/** An sRGB colour, 0–255 per channel. */
public record Color(int r, int g, int b) {
    public static final Color BLACK = new Color(0, 0, 0);
    public static final Color WHITE = new Color(255, 255, 255);
    public static final Color GREY = new Color(114, 114, 114);
    public static final Color RED = new Color(230, 40, 40);
    public static final Color GREEN = new Color(40, 200, 70);
    public static final Color BLUE = new Color(40, 90, 230);
    public static final Color YELLOW = new Color(240, 210, 30);

    public Color {
        if ((r | g | b) < 0 || r > 255 || g > 255 || b > 255) {
            throw new IllegalArgumentException("colour channels are 0..255, got " + r + "," + g + "," + b);
        }
    }

    /** A distinct, saturated colour per index (class or track id): hues a golden angle apart. */
    public static Color forIndex(int index) {
        double hue = (Math.floorMod(index, 360) * 0.618033988749895) % 1.0 * 6;
        double s = 0.75;
        double v = 0.95 * 255;
        double f = hue - Math.floor(hue);
        int p = (int) Math.round(v * (1 - s));
        int q = (int) Math.round(v * (1 - s * f));
        int t = (int) Math.round(v * (1 - s * (1 - f)));
        int max = (int) Math.round(v);
        return switch ((int) hue) {
            case 0 -> new Color(max, t, p);
            case 1 -> new Color(q, max, p);
            case 2 -> new Color(p, max, t);
            case 3 -> new Color(p, q, max);
            case 4 -> new Color(t, p, max);
            default -> new Color(max, p, q);
        };
    }

    /** Black or white, whichever reads better on this colour. */
    public Color contrasting() {
        return 0.299 * r + 0.587 * g + 0.114 * b > 150 ? BLACK : WHITE;
    }

    /** OpenCV's channel order is BGR. */
    Scalar scalar() {
        return new Scalar(b, g, r);
    }
}
