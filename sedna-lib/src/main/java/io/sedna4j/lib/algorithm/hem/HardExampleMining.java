package io.sedna4j.lib.algorithm.hem;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.WorkerContext;
import io.sedna4j.lib.algorithm.AlgorithmRegistry;
import io.sedna4j.lib.algorithm.AlgorithmType;
import io.sedna4j.lib.inference.Detection;
import java.util.List;

/**
 * Decides whether an example is hard: hard ones go to the cloud (joint inference) or are kept for training
 * (incremental learning). Sedna's {@code ClassType.HEM}; selected by {@code hardExampleMining.name} and built from
 * {@code HEM_NAME} and {@code HEM_PARAMETERS}. Implementations are stateless or thread-safe: one instance judges
 * concurrent inferences.
 */
public interface HardExampleMining {

    /** Sedna's registry string for the family, with the place users configure it. */
    AlgorithmType<HardExampleMining> TYPE = new AlgorithmType<>("hard_example_mining", HardExampleMining.class,
            false, "hardExampleMining (HEM_NAME, HEM_PARAMETERS)");

    /**
     * The algorithm the worker's environment names: HEM_NAME (IBT when unset, as in Sedna) with HEM_PARAMETERS,
     * from the standard registry.
     */
    static HardExampleMining fromContext(WorkerContext context) {
        return AlgorithmRegistry.standard().create(TYPE, context.hemName().orElse(HardExampleMiningProvider.DEFAULT),
                context.hemParameters());
    }

    /** Sedna's name, e.g. {@code IBT}. */
    String name();

    /** Judges a detector's result. */
    boolean isHard(List<Detection> detections);

    /** Judges a classifier's result: a probability per class. */
    boolean isHard(float[] classProbabilities);

    /**
     * Whether {@link #isHardInput} can judge a raw input, before any inference ({@code mining-then-inference}).
     * Only algorithms that look at no result at all can.
     */
    default boolean judgesInput() {
        return false;
    }

    /** Judges a raw input; only when {@link #judgesInput()}. */
    default boolean isHardInput(Object input) {
        throw new LibException("hard example mining \"" + name() + "\" judges inference results, not raw inputs;"
                + " fix: use MINING_MODE=inference-then-mining, or an algorithm that judges inputs"
                + " (Random, EdgeOnly, CloudOnly)");
    }

    /**
     * Judges a result of any type by what it is: a list of {@link Detection}s or a {@code float[]} (or
     * {@code double[]}) of class probabilities. Anything else is an error that says how to judge it.
     */
    default boolean isHardResult(Object result) {
        if (result instanceof float[] p) {
            return isHard(p);
        }
        if (result instanceof double[] d) {
            float[] p = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                p[i] = (float) d[i];
            }
            return isHard(p);
        }
        if (result instanceof List<?> list && list.stream().allMatch(Detection.class::isInstance)) {
            @SuppressWarnings("unchecked")
            List<Detection> detections = (List<Detection>) list;
            return isHard(detections);
        }
        throw new LibException("hard example mining \"" + name() + "\" cannot judge a result of type "
                + (result == null ? "null" : result.getClass().getName()) + "; it reads a List<Detection> or a float[]"
                + " of class probabilities; fix: give JointInference a result judge that maps your result to one");
    }
}
