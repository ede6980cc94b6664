package io.sedna4j.lib.algorithm.hem;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.algorithm.Parameters;
import io.sedna4j.lib.inference.Detection;
import java.util.List;

/**
 * Sedna's {@code CrossEntropy}: for class probabilities p over K classes, confidence = 1 + Σ pᵢ·ln pᵢ / ln K
 * (one minus the normalised entropy); hard when confidence &lt; {@code threshold_cross_entropy} (default 0.5). Empty
 * input, or a value outside [0, 1], is not hard. Unlike Sedna, pᵢ = 0 adds 0 (the limit of p·ln p) instead of
 * failing, and K = 1 has confidence 1 (one class is certain) instead of dividing by zero.
 */
public final class CrossEntropy implements HardExampleMining {
    public static final String NAME = "CrossEntropy";
    public static final double DEFAULT_THRESHOLD = 0.5;

    private final double threshold;

    public CrossEntropy(double threshold) {
        this.threshold = threshold;
    }

    static CrossEntropy create(Parameters p) {
        return new CrossEntropy(p.fraction("threshold_cross_entropy", DEFAULT_THRESHOLD));
    }

    /** 1 − normalised entropy of {@code p}; NaN for invalid input. */
    public static double confidence(float[] p) {
        if (p.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (float v : p) {
            if (!(v >= 0 && v <= 1)) {
                return Double.NaN;
            }
            if (v > 0) {
                sum += v * Math.log(v);
            }
        }
        return p.length == 1 ? 1.0 : 1 + sum / Math.log(p.length);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isHard(float[] classProbabilities) {
        double confidence = confidence(classProbabilities);
        return !Double.isNaN(confidence) && confidence < threshold;
    }

    @Override
    public boolean isHard(List<Detection> detections) {
        throw new LibException("hard example mining \"CrossEntropy\" reads class probabilities, not detections;"
                + " fix: use IBT or Threshold (HEM_NAME) for a detector");
    }

    @Override
    public String toString() {
        return NAME + "(threshold_cross_entropy=" + threshold + ")";
    }
}
