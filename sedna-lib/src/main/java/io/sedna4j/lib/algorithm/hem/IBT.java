package io.sedna4j.lib.algorithm.hem;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.algorithm.Parameters;
import io.sedna4j.lib.inference.Detection;
import java.util.List;

/**
 * Sedna's {@code IBT} (image-box-threshold): a box is weak when its score ≤ {@code threshold_box}; the image is hard
 * when weak / all ≥ 1 − {@code threshold_img} (defaults 0.5 and 0.5). No boxes, or a score outside [0, 1], is not
 * hard. With 0.9/0.9 an image is hard when at least 10 % of its boxes score 0.9 or less.
 */
public final class IBT implements HardExampleMining {
    public static final String NAME = "IBT";
    public static final double DEFAULT_THRESHOLD_IMG = 0.5;
    public static final double DEFAULT_THRESHOLD_BOX = 0.5;
    /** 1 − 0.7 is 0.30000000000000004 in doubles; without slack 3 weak boxes of 10 would not reach it. */
    private static final double EPSILON = 1e-9;

    private final double thresholdImg;
    private final float thresholdBox;

    public IBT(double thresholdImg, double thresholdBox) {
        this.thresholdImg = thresholdImg;
        this.thresholdBox = (float) thresholdBox; // scores are float: "0.3" must match a model's 0.3f
    }

    static IBT create(Parameters p) {
        return new IBT(p.fraction("threshold_img", DEFAULT_THRESHOLD_IMG),
                p.fraction("threshold_box", DEFAULT_THRESHOLD_BOX));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isHard(List<Detection> detections) {
        if (detections.isEmpty()) {
            return false;
        }
        int weak = 0;
        for (Detection d : detections) {
            if (!(d.score() >= 0 && d.score() <= 1)) {
                return false;
            }
            if (d.score() <= thresholdBox) {
                weak++;
            }
        }
        return (double) weak / detections.size() >= 1 - thresholdImg - EPSILON;
    }

    @Override
    public boolean isHard(float[] classProbabilities) {
        throw new LibException("hard example mining \"IBT\" reads detection boxes, not class probabilities;"
                + " fix: use CrossEntropy or Threshold (HEM_NAME) for a classifier");
    }

    @Override
    public String toString() {
        return NAME + "(threshold_img=" + thresholdImg + ", threshold_box=" + thresholdBox + ")";
    }
}
