package io.sedna4j.lib.algorithm.hem;

import io.sedna4j.lib.algorithm.Parameters;
import io.sedna4j.lib.inference.Detection;
import java.util.List;

/**
 * Sedna's {@code Threshold}: hard when the mean detection score is below {@code threshold} (default 0.5); no
 * detections is not hard. For class probabilities (a Sedna4J addition) the top-class probability is compared.
 */
public final class Threshold implements HardExampleMining {
    public static final String NAME = "Threshold";
    public static final double DEFAULT_THRESHOLD = 0.5;

    private final float threshold;

    public Threshold(double threshold) {
        this.threshold = (float) threshold; // scores are float: compare "0.3" as the float 0.3f a model emits
    }

    static Threshold create(Parameters p) {
        return new Threshold(p.fraction("threshold", DEFAULT_THRESHOLD));
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
        double sum = 0;
        for (Detection d : detections) {
            if (Float.isNaN(d.score())) {
                return false; // invalid input, as Sedna's data check
            }
            sum += d.score();
        }
        return (float) (sum / detections.size()) < threshold;
    }

    @Override
    public boolean isHard(float[] classProbabilities) {
        if (classProbabilities.length == 0) {
            return false;
        }
        float top = Float.NEGATIVE_INFINITY;
        for (float p : classProbabilities) {
            if (!(p >= 0 && p <= 1)) {
                return false;
            }
            top = Math.max(top, p);
        }
        return top < threshold;
    }

    @Override
    public String toString() {
        return NAME + "(threshold=" + threshold + ")";
    }
}
