package io.sedna4j.lib.algorithm.hem;

import io.sedna4j.lib.algorithm.AlgorithmFactory;
import io.sedna4j.lib.algorithm.AlgorithmProvider;
import java.util.List;

/** Sedna's built-in hard example mining algorithms, with the parameter names of Sedna (and of the validator). */
public final class HardExampleMiningProvider implements AlgorithmProvider {

    /** The algorithm used when HEM_NAME is unset, as in Sedna. */
    public static final String DEFAULT = IBT.NAME;

    @Override
    public List<AlgorithmFactory<?>> algorithms() {
        return List.of(
                AlgorithmFactory.of(HardExampleMining.TYPE, IBT.NAME, List.of("threshold_img", "threshold_box"),
                        IBT::create),
                AlgorithmFactory.of(HardExampleMining.TYPE, CrossEntropy.NAME, List.of("threshold_cross_entropy"),
                        CrossEntropy::create),
                AlgorithmFactory.of(HardExampleMining.TYPE, Threshold.NAME, List.of("threshold"), Threshold::create),
                AlgorithmFactory.of(HardExampleMining.TYPE, Random.NAME, List.of("random_ratio"), Random::create),
                AlgorithmFactory.of(HardExampleMining.TYPE, EdgeOnly.NAME, List.of(), p -> new EdgeOnly()),
                AlgorithmFactory.of(HardExampleMining.TYPE, CloudOnly.NAME, List.of(), p -> new CloudOnly()));
    }
}
