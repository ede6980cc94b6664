package io.sedna4j.lib.algorithm.hem;

import io.sedna4j.lib.algorithm.Parameters;
import io.sedna4j.lib.inference.Detection;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Sedna's {@code Random}: hard when a uniform draw from [0, 1) is below {@code random_ratio} (default 0.3), whatever
 * the example; so it also judges raw inputs. The ratio is parsed as a number (Sedna kept the manifest's string and
 * failed). The source is given, so tests can seed it; it is shared, hence synchronised.
 */
public final class Random implements HardExampleMining {
    public static final String NAME = "Random";
    public static final double DEFAULT_RATIO = 0.3;

    private final double ratio;
    private final RandomGenerator source;

    public Random(double ratio, RandomGenerator source) {
        this.ratio = ratio;
        this.source = source;
    }

    public Random(double ratio) {
        this(ratio, RandomGenerator.of("L64X128MixRandom"));
    }

    static Random create(Parameters p) {
        return new Random(p.fraction("random_ratio", DEFAULT_RATIO));
    }

    private boolean draw() {
        synchronized (source) {
            return source.nextDouble() < ratio;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isHard(List<Detection> detections) {
        return draw();
    }

    @Override
    public boolean isHard(float[] classProbabilities) {
        return draw();
    }

    @Override
    public boolean judgesInput() {
        return true;
    }

    @Override
    public boolean isHardInput(Object input) {
        return draw();
    }

    @Override
    public String toString() {
        return NAME + "(random_ratio=" + ratio + ")";
    }
}
