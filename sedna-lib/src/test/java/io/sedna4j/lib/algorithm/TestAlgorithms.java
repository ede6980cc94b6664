package io.sedna4j.lib.algorithm;

import io.sedna4j.lib.algorithm.hem.HardExampleMining;
import io.sedna4j.lib.inference.Detection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a user's jar would hold: a provider listed in src/test/resources/META-INF/services, adding a hard example
 * mining algorithm and an algorithm of a family sedna-lib does not know (aggregation).
 */
public class TestAlgorithms implements AlgorithmProvider {

    /** A family defined outside sedna-lib. */
    public interface Aggregation {
        double aggregate(double[] values);
    }

    public static final AlgorithmType<Aggregation> AGGREGATION =
            AlgorithmType.of(AlgorithmType.AGGREGATION, Aggregation.class, "aggregation_algorithm");

    /** Every other example is hard. */
    public static final class EveryOther implements HardExampleMining {
        private final AtomicLong n = new AtomicLong();

        @Override
        public String name() {
            return "EveryOther";
        }

        @Override
        public boolean isHard(List<Detection> detections) {
            return n.getAndIncrement() % 2 == 1;
        }

        @Override
        public boolean isHard(float[] classProbabilities) {
            return n.getAndIncrement() % 2 == 1;
        }
    }

    @Override
    public List<AlgorithmFactory<?>> algorithms() {
        return List.of(
                AlgorithmFactory.of(HardExampleMining.TYPE, "EveryOther", List.of(), p -> new EveryOther()),
                AlgorithmFactory.of(AGGREGATION, "MeanOfAll", List.of("scale"), p -> {
                    double scale = p.number("scale", 1.0);
                    return values -> {
                        double sum = 0;
                        for (double v : values) {
                            sum += v;
                        }
                        return scale * sum / values.length;
                    };
                }));
    }
}
