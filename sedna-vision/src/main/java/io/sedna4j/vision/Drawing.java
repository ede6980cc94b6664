package io.sedna4j.vision;

import io.sedna4j.lib.inference.Detection;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.opencv.core.Point;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** Draws results onto an image, in place: boxes, text labels on a filled background, one colour per class or track. */
public final class Drawing {
    private static final int FONT = Imgproc.FONT_HERSHEY_SIMPLEX;

    static {
        Natives.load();
    }

    private Drawing() {
    }

    public static void box(Image image, Detection d, Color color, int thickness) {
        Imgproc.rectangle(image.mat(), new Point(d.x1(), d.y1()), new Point(d.x2(), d.y2()), color.scalar(), thickness,
                Imgproc.LINE_8); // crisp edges: the box's colour is exact, for eyes and for tests
    }

    /**
     * Text with its top-left corner at (x, y) on a box of {@code background}, in black or white for contrast.
     * Kept inside the image when it would overhang.
     */
    public static void label(Image image, String text, int x, int y, Color background) {
        double fontScale = Math.max(0.4, Math.min(image.width(), image.height()) / 1000.0);
        int thickness = fontScale > 0.8 ? 2 : 1;
        int[] baseline = new int[1];
        Size size = Imgproc.getTextSize(text, FONT, fontScale, thickness, baseline);
        int w = (int) size.width + 4;
        int h = (int) size.height + baseline[0] + 4;
        int left = Math.max(0, Math.min(x, image.width() - w));
        int top = Math.max(0, Math.min(y, image.height() - h));
        Imgproc.rectangle(image.mat(), new Point(left, top), new Point(left + w, top + h), background.scalar(), Imgproc.FILLED);
        Imgproc.putText(image.mat(), text, new Point(left + 2, top + 2 + size.height), FONT, fontScale,
                background.contrasting().scalar(), thickness, Imgproc.LINE_AA);
    }

    /** Each detection as a box with "name 0.87" above it, coloured by its label; {@code names} maps a label to text. */
    public static void detections(Image image, List<Detection> detections, IntFunction<String> names) {
        int thickness = Math.max(1, Math.min(image.width(), image.height()) / 300);
        for (Detection d : detections) {
            Color color = Color.forIndex(d.label());
            box(image, d, color, thickness);
            String text = names.apply(d.label()) + String.format(Locale.ROOT, " %.2f", d.score());
            int textHeight = (int) Imgproc.getTextSize(text, FONT, Math.max(0.4, Math.min(image.width(), image.height()) / 1000.0),
                    1, new int[1]).height + 8;
            label(image, text, Math.round(d.x1()), Math.round(d.y1()) - textHeight, color);
        }
    }
}
