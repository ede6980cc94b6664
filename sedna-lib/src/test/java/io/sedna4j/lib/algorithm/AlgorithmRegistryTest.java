package io.sedna4j.lib.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sedna4j.api.schema.Algorithms;
import io.sedna4j.lib.LibException;
import io.sedna4j.lib.WorkerContext;
import io.sedna4j.lib.algorithm.hem.CrossEntropy;
import io.sedna4j.lib.algorithm.hem.HardExampleMining;
import io.sedna4j.lib.algorithm.hem.HardExampleMiningProvider;
import io.sedna4j.lib.algorithm.hem.IBT;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlgorithmRegistryTest {
    private final AlgorithmRegistry registry = AlgorithmRegistry.standard();

    @Test
    void everyNameTheValidatorAcceptsResolvesWithTheSameParameters() {
        for (String name : Algorithms.HARD_EXAMPLE_MINING.names()) {
            AlgorithmFactory<HardExampleMining> f = registry.factory(HardExampleMining.TYPE, name);
            assertThat(f.parameters()).as(name).isEqualTo(Algorithms.HARD_EXAMPLE_MINING.parameters(name));
            assertThat(registry.create(HardExampleMining.TYPE, name, Map.of()).name()).isEqualTo(name);
        }
    }

    @Test
    void aJarOnTheClassPathAddsAlgorithmsThroughServiceLoader() {
        assertThat(registry.names(HardExampleMining.TYPE)).contains("IBT", "CloudOnly", "EveryOther");
        HardExampleMining everyOther = registry.create(HardExampleMining.TYPE, "EveryOther", Map.of());
        assertThat(everyOther.isHard(new float[] {1f})).isFalse();
        assertThat(everyOther.isHard(new float[] {1f})).isTrue();
        // a family sedna-lib does not define
        TestAlgorithms.Aggregation mean = registry.create(TestAlgorithms.AGGREGATION, "MeanOfAll",
                Map.of("scale", "2"));
        assertThat(mean.aggregate(new double[] {1, 2, 3})).isEqualTo(4.0);
    }

    @Test
    void aggregationNamesMatchIgnoringCaseAndHardExampleMiningNamesExactly() {
        assertThat(registry.create(TestAlgorithms.AGGREGATION, "meanofall", Map.of()).aggregate(new double[] {4}))
                .isEqualTo(4.0);
        assertThat(registry.factory(TestAlgorithms.AGGREGATION, "MEANOFALL").name()).isEqualTo("MeanOfAll");
        assertThatThrownBy(() -> registry.factory(HardExampleMining.TYPE, "ibt"))
                .isInstanceOf(LibException.class)
                .hasMessageContaining("unknown hard_example_mining algorithm \"ibt\"")
                .hasMessageContaining("IBT, CrossEntropy, Threshold, Random, EdgeOnly, CloudOnly")
                .hasMessageContaining("(did you mean \"IBT\"?)")
                .hasMessageContaining("HEM_NAME");
        assertThatThrownBy(() -> registry.factory(HardExampleMining.TYPE, "CrosEntropy"))
                .hasMessageContaining("did you mean \"CrossEntropy\"");
    }

    @Test
    void parametersAreParsedAndCheckedWithClearErrors() {
        HardExampleMining ibt = registry.create(HardExampleMining.TYPE, "IBT",
                Map.of("threshold_img", "0.9", "threshold_box", " 0.9 "));
        assertThat(ibt).isInstanceOf(IBT.class).hasToString("IBT(threshold_img=0.9, threshold_box=0.9)");
        // Sedna kept "0.3" as a string and RandomFilter failed on it
        assertThat(registry.create(HardExampleMining.TYPE, "Random", Map.of("random_ratio", "0.3"))).isNotNull();

        assertThatThrownBy(() -> registry.create(HardExampleMining.TYPE, "IBT", Map.of("threshold_img", "1.5")))
                .isInstanceOf(LibException.class)
                .hasMessageContaining("\"IBT\": parameter threshold_img is \"1.5\", not a number from 0 to 1")
                .hasMessageContaining("HEM_PARAMETERS");
        assertThatThrownBy(() -> registry.create(HardExampleMining.TYPE, "Threshold", Map.of("threshold", "high")))
                .hasMessageContaining("\"high\", not a number");
        assertThatThrownBy(() -> registry.create(HardExampleMining.TYPE, "CrossEntropy",
                Map.of("threshold_cross_entropy", "NaN"))).hasMessageContaining("not a number");
        assertThatThrownBy(() -> registry.create(HardExampleMining.TYPE, "IBT", Map.of("threshold_boxx", "0.5")))
                .hasMessageContaining("takes no parameter \"threshold_boxx\"")
                .hasMessageContaining("its parameters are threshold_img, threshold_box")
                .hasMessageContaining("did you mean \"threshold_box\"");
        assertThatThrownBy(() -> registry.create(HardExampleMining.TYPE, "EdgeOnly", Map.of("x", "1")))
                .hasMessageContaining("remove the parameters");
    }

    @Test
    void theEnvironmentSelectsTheAlgorithmAndIbtIsTheDefault() {
        HardExampleMining fromEnv = HardExampleMining.fromContext(WorkerContext.fromEnv(Map.of("HEM_NAME",
                "CrossEntropy", "HEM_PARAMETERS", "[{\"key\":\"threshold_cross_entropy\",\"value\":\"0.6\"}]")));
        assertThat(fromEnv).isInstanceOf(CrossEntropy.class);
        assertThat(fromEnv.isHard(new float[] {0.9f, 0.1f})).isTrue(); // confidence 0.531 < 0.6
        assertThat(HardExampleMining.fromContext(WorkerContext.fromEnv(Map.of()))).isInstanceOf(IBT.class);
    }

    @Test
    void twoJarsGivingOneNameIsAnErrorNamingBoth() {
        AlgorithmProvider clash = () -> List.of(AlgorithmFactory.of(HardExampleMining.TYPE, "IBT", List.of(),
                p -> new IBT(0.5, 0.5)));
        assertThatThrownBy(() -> AlgorithmRegistry.of(new HardExampleMiningProvider(), clash))
                .isInstanceOf(LibException.class)
                .hasMessageContaining("\"IBT\" is registered twice")
                .hasMessageContaining(HardExampleMiningProvider.class.getName());
    }
}
