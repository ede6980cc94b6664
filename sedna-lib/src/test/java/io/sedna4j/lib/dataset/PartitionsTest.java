package io.sedna4j.lib.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.estimator.Example;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PartitionsTest {
    /** 10 classes × 600 examples; each example's input is its own index, to track it. */
    private static final List<Example<Integer>> DATA = IntStream.range(0, 6000)
            .mapToObj(i -> new Example<>(i, i % 10)).toList();

    @Test
    void iidGivesEqualSizesEveryExampleOnceAndBalancedClasses() {
        List<List<Example<Integer>>> parts = Partitions.iid(DATA, 7, 1);

        assertThat(parts).hasSize(7);
        assertThat(parts).allSatisfy(part -> assertThat(part.size()).isBetween(857, 858));
        assertEveryExampleOnce(parts);
        assertThat(parts.stream().mapToDouble(PartitionsTest::largestClassShare).max().orElseThrow())
                .isLessThan(0.2); // 0.1 when perfectly balanced
        assertThat(Partitions.iid(DATA, 7, 1)).isEqualTo(parts);
        assertThat(Partitions.iid(DATA, 7, 2)).isNotEqualTo(parts);
    }

    @Test
    void smallAlphaSkewsClassesFarMoreThanLargeAlpha() {
        List<List<Example<Integer>>> skewed = Partitions.dirichlet(DATA, 5, 0.1, 3);
        List<List<Example<Integer>>> moderate = Partitions.dirichlet(DATA, 5, 0.5, 3);
        List<List<Example<Integer>>> nearlyIid = Partitions.dirichlet(DATA, 5, 100, 3);

        for (List<List<Example<Integer>>> parts : List.of(skewed, moderate, nearlyIid)) {
            assertThat(parts).hasSize(5);
            assertEveryExampleOnce(parts);
        }
        double skewedShare = meanLargestClassShare(skewed);
        double moderateShare = meanLargestClassShare(moderate);
        double iidShare = meanLargestClassShare(nearlyIid);
        assertThat(skewedShare).isGreaterThan(0.3); // 0.1 when balanced
        assertThat(iidShare).isLessThan(0.15);
        assertThat(moderateShare).isBetween(iidShare, skewedShare);
        assertThat(nearlyIid).allSatisfy(part -> assertThat(part.size()).isBetween(1000, 1400));
        assertThat(Partitions.dirichlet(DATA, 5, 0.1, 3)).isEqualTo(skewed);
        assertThat(Partitions.dirichlet(DATA, 5, 0.1, 4)).isNotEqualTo(skewed);
    }

    @Test
    void everyClientGetsExamplesEvenWhenTheDrawLeavesSomeEmpty() {
        for (long seed = 0; seed < 20; seed++) {
            List<List<Example<Integer>>> parts = Partitions.dirichlet(DATA.subList(0, 100), 20, 0.01, seed);
            assertEveryExampleOnce(parts, 100);
            assertThat(parts).allSatisfy(part -> assertThat(part).hasSizeGreaterThanOrEqualTo(5));
        }
        List<List<Example<Integer>>> large = Partitions.dirichlet(DATA, 30, 0.01, 9);
        assertThat(large).allSatisfy(part -> assertThat(part).hasSizeGreaterThanOrEqualTo(Partitions.MINIMUM));
    }

    @Test
    void badArgumentsSayTheFix() {
        assertThatThrownBy(() -> Partitions.iid(DATA.subList(0, 3), 4, 1)).isInstanceOf(LibException.class)
                .hasMessageContaining("3 examples across 4 clients").hasMessageContaining("fix:");
        assertThatThrownBy(() -> Partitions.dirichlet(DATA, 3, 0, 1)).isInstanceOf(LibException.class)
                .hasMessageContaining("alpha is 0.0").hasMessageContaining("fix:");
        assertThatThrownBy(() -> Partitions.dirichlet(DATA, 3, Double.NaN, 1)).isInstanceOf(LibException.class);
    }

    private static void assertEveryExampleOnce(List<List<Example<Integer>>> parts) {
        assertEveryExampleOnce(parts, DATA.size());
    }

    private static void assertEveryExampleOnce(List<List<Example<Integer>>> parts, int total) {
        Map<Example<Integer>, Boolean> seen = new IdentityHashMap<>();
        parts.forEach(part -> part.forEach(example -> assertThat(seen.put(example, true)).isNull()));
        assertThat(seen).hasSize(total);
    }

    private static double meanLargestClassShare(List<List<Example<Integer>>> parts) {
        return parts.stream().mapToDouble(PartitionsTest::largestClassShare).average().orElseThrow();
    }

    private static double largestClassShare(List<Example<Integer>> part) {
        int[] counts = new int[10];
        part.forEach(example -> counts[example.label()]++);
        return (double) IntStream.of(counts).max().orElseThrow() / part.size();
    }
}
