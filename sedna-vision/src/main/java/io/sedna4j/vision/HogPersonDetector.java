package io.sedna4j.vision;

import io.sedna4j.lib.inference.Detection;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.MatOfRect;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.objdetect.HOGDescriptor;

/**
 * OpenCV's built-in HOG + linear SVM people detector (Dalal–Triggs, 64x128 window): no model download, CPU only,
 * the edge's cheap detector. It finds upright people roughly 50–400 px tall; the box includes the window's margin,
 * so it is looser than a DNN's.
 *
 * <p><b>Score.</b> OpenCV gives each box the SVM's decision value w (after grouping; w ≥ hitThreshold, typically
 * 0–3). It is mapped to 0..1 by {@code score = 1 - exp(-w)}: monotonic, 0 on the decision boundary, 0.5 at
 * w = ln 2 ≈ 0.69, 0.95 at w = 3. It ranks boxes and feeds thresholds; it is not a calibrated probability.
 */
public final class HogPersonDetector implements PersonDetector {

    /**
     * @param maxSide        frames whose longer side exceeds this are shrunk to it first (speed; 0 = never); boxes
     *                       are mapped back to the original pixels
     * @param hitThreshold   minimum SVM decision value for a window
     * @param winStride      window step in pixels (8: java-deps §4)
     * @param padding        padding around the image in pixels (16)
     * @param scale          pyramid step between scales (1.05)
     * @param groupThreshold how many overlapping windows make a detection (2)
     */
    public record Options(int maxSide, double hitThreshold, int winStride, int padding, double scale, int groupThreshold) {
        public static Options defaults() {
            return new Options(640, 0, 8, 16, 1.05, 2);
        }

        public Options withMaxSide(int maxSide) {
            return new Options(maxSide, hitThreshold, winStride, padding, scale, groupThreshold);
        }
    }

    private final Options options;
    private final HOGDescriptor hog;

    public HogPersonDetector() {
        this(Options.defaults());
    }

    public HogPersonDetector(Options options) {
        Natives.load();
        this.options = options;
        this.hog = new HOGDescriptor();
        hog.setSVMDetector(HOGDescriptor.getDefaultPeopleDetector());
    }

    @Override
    public String name() {
        return "hog";
    }

    public Options options() {
        return options;
    }

    @Override
    public synchronized List<Detection> detect(Image image) {
        int longer = Math.max(image.width(), image.height());
        double factor = options.maxSide() > 0 && longer > options.maxSide() ? (double) options.maxSide() / longer : 1;
        Mat input = image.mat();
        Mat shrunk = null;
        if (factor < 1) {
            shrunk = new Mat();
            Imgproc.resize(input, shrunk, new Size(Math.round(image.width() * factor), Math.round(image.height() * factor)),
                    0, 0, Imgproc.INTER_AREA);
            input = shrunk;
        }
        MatOfRect rects = new MatOfRect();
        MatOfDouble weights = new MatOfDouble();
        try {
            hog.detectMultiScale(input, rects, weights, options.hitThreshold(), new Size(options.winStride(), options.winStride()),
                    new Size(options.padding(), options.padding()), options.scale(), options.groupThreshold(), false);
            Rect[] found = rects.toArray();
            double[] w = weights.empty() ? new double[found.length] : weights.toArray();
            List<Detection> out = new ArrayList<>(found.length);
            for (int i = 0; i < found.length; i++) {
                Rect r = found[i];
                out.add(new Detection(clamp(r.x / factor, image.width()), clamp(r.y / factor, image.height()),
                        clamp((r.x + r.width) / factor, image.width()), clamp((r.y + r.height) / factor, image.height()),
                        score(i < w.length ? w[i] : 0), CocoLabels.PERSON));
            }
            out.sort((a, b) -> Float.compare(b.score(), a.score()));
            return out;
        } finally {
            rects.release();
            weights.release();
            if (shrunk != null) {
                shrunk.release();
            }
        }
    }

    /** See the class comment: 1 - e^-w, clamped to 0..1. */
    static float score(double svmWeight) {
        return (float) (1 - Math.exp(-Math.max(0, svmWeight)));
    }

    private static float clamp(double v, int max) {
        return (float) Math.max(0, Math.min(max, v));
    }
}
