package io.sedna4j.lib.algorithm.hem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.inference.Detection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Each algorithm against cases computed by hand from Sedna's formulas (reference §2.1). */
class HardExampleMiningTest {

    private static List<Detection> scores(double... scores) {
        List<Detection> boxes = new ArrayList<>();
        for (double s : scores) {
            boxes.add(new Detection(0, 0, 10, 10, (float) s, 0));
        }
        return boxes;
    }

    @Test
    void thresholdIsHardWhenTheMeanScoreIsBelowIt() {
        Threshold t = new Threshold(0.5);
        assertThat(t.isHard(scores(0.6, 0.3))).isTrue();        // mean 0.45 < 0.5
        assertThat(t.isHard(scores(0.6, 0.5))).isFalse();       // mean 0.55
        assertThat(t.isHard(scores(0.5, 0.5))).isFalse();       // mean 0.5 is not below 0.5
        assertThat(t.isHard(scores(0.2))).isTrue();
        assertThat(t.isHard(List.of())).isFalse();              // no detections: invalid input, not hard
        assertThat(new Threshold(0.9).isHard(scores(0.95, 0.9))).isFalse(); // mean 0.925
        assertThat(new Threshold(0.9).isHard(scores(0.85, 0.9))).isTrue();  // mean 0.875
        // classifiers: the top-class probability
        assertThat(t.isHard(new float[] {0.4f, 0.35f, 0.25f})).isTrue();
        assertThat(t.isHard(new float[] {0.7f, 0.3f})).isFalse();
    }

    @Test
    void crossEntropyIsOneMinusNormalisedEntropy() {
        // confidence = 1 + Σ p ln p / ln K
        assertThat(CrossEntropy.confidence(new float[] {0.5f, 0.5f})).isCloseTo(0.0, within(1e-6));
        assertThat(CrossEntropy.confidence(new float[] {0.9f, 0.1f})).isCloseTo(0.5310044, within(1e-6));
        assertThat(CrossEntropy.confidence(new float[] {0.8f, 0.1f, 0.1f})).isCloseTo(0.4183281, within(1e-6));
        assertThat(CrossEntropy.confidence(new float[] {0.7f, 0.2f, 0.1f})).isCloseTo(0.2701533, within(1e-6));
        assertThat(CrossEntropy.confidence(new float[] {0.97f, 0.01f, 0.01f, 0.01f})).isCloseTo(0.8790296, within(1e-6));

        CrossEntropy ce = new CrossEntropy(0.5);
        assertThat(ce.isHard(new float[] {0.5f, 0.5f})).isTrue();        // 0 < 0.5
        assertThat(ce.isHard(new float[] {0.9f, 0.1f})).isFalse();       // 0.531 ≥ 0.5
        assertThat(new CrossEntropy(0.6).isHard(new float[] {0.9f, 0.1f})).isTrue(); // 0.531 < 0.6
        assertThat(ce.isHard(new float[] {0.8f, 0.1f, 0.1f})).isTrue(); // 0.418 < 0.5
        assertThat(ce.isHard(new float[] {0.97f, 0.01f, 0.01f, 0.01f})).isFalse();
    }

    @Test
    void crossEntropySurvivesZeroProbabilitiesAndASingleClass() {
        CrossEntropy ce = new CrossEntropy(0.5);
        // Sedna: log(0) raises; here 0·ln 0 = 0, so a certain answer has confidence 1
        assertThat(CrossEntropy.confidence(new float[] {1f, 0f, 0f})).isEqualTo(1.0);
        assertThat(ce.isHard(new float[] {1f, 0f})).isFalse();
        // Sedna: ln 1 = 0 divides by zero; here one class is certain
        assertThat(CrossEntropy.confidence(new float[] {1f})).isEqualTo(1.0);
        assertThat(ce.isHard(new float[] {0.3f})).isFalse();
        // invalid input is not hard
        assertThat(ce.isHard(new float[] {})).isFalse();
        assertThat(ce.isHard(new float[] {1.2f, -0.2f})).isFalse();
        assertThat(ce.isHard(new float[] {Float.NaN, 0.5f})).isFalse();
        assertThatThrownBy(() -> ce.isHard(scores(0.1))).isInstanceOf(LibException.class)
                .hasMessageContaining("IBT or Threshold");
    }

    @Test
    void ibtIsHardWhenEnoughBoxesAreWeak() {
        // weak: score ≤ threshold_box; hard: weak / n ≥ 1 − threshold_img
        IBT ibt = new IBT(0.9, 0.9);
        double[] tenBoxes = new double[10];
        Arrays.fill(tenBoxes, 0.95);
        assertThat(ibt.isHard(scores(tenBoxes))).isFalse();     // 0/10 < 0.1
        tenBoxes[3] = 0.85;
        assertThat(ibt.isHard(scores(tenBoxes))).isTrue();      // 1/10 ≥ 0.1
        tenBoxes[3] = 0.9;
        assertThat(ibt.isHard(scores(tenBoxes))).isTrue();      // a score equal to threshold_box is weak

        IBT defaults = new IBT(IBT.DEFAULT_THRESHOLD_IMG, IBT.DEFAULT_THRESHOLD_BOX);
        assertThat(defaults.isHard(scores(0.4, 0.6))).isTrue();        // 1/2 ≥ 0.5
        assertThat(defaults.isHard(scores(0.4, 0.6, 0.7))).isFalse();  // 1/3 < 0.5
        assertThat(defaults.isHard(List.of())).isFalse();
        assertThat(defaults.isHard(scores(0.4, 1.5))).isFalse();       // a score outside [0, 1]: invalid
    }

    @Test
    void ibtComparesDecimalsAsTheUserWroteThem() {
        // 3 of 10 boxes at 0.3 with threshold_box 0.3 and threshold_img 0.7: 3/10 ≥ 1 − 0.7. In plain doubles
        // 0.3f > 0.3 and 1 − 0.7 = 0.30000000000000004, so both the box and the image test would say no.
        double[] boxes = {0.3, 0.3, 0.3, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8};
        assertThat(new IBT(0.7, 0.3).isHard(scores(boxes))).isTrue();
        assertThatThrownBy(() -> new IBT(0.5, 0.5).isHard(new float[] {0.5f}))
                .hasMessageContaining("CrossEntropy or Threshold");
    }

    @Test
    void randomIsHardWhenTheDrawIsBelowTheRatio() {
        double[] draws = {0.1, 0.5, 0.29, 0.3};
        RandomGenerator fixed = new RandomGenerator() {
            int i;

            @Override
            public double nextDouble() {
                return draws[i++];
            }

            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }
        };
        Random r = new Random(0.3, fixed);
        assertThat(r.isHard(scores(0.99))).isTrue();          // 0.1 < 0.3
        assertThat(r.isHard(new float[] {1f})).isFalse();     // 0.5
        assertThat(r.isHardInput("any text")).isTrue();       // 0.29
        assertThat(r.isHardInput(42)).isFalse();              // 0.3 is not below 0.3
        assertThat(r.judgesInput()).isTrue();

        Random seeded = new Random(0.3, RandomGenerator.of("L64X128MixRandom"));
        int hard = 0;
        for (int i = 0; i < 10_000; i++) {
            hard += seeded.isHardInput(i) ? 1 : 0;
        }
        assertThat(hard).isBetween(2_800, 3_200);
    }

    @Test
    void edgeOnlyAndCloudOnlyIgnoreTheExample() {
        assertThat(new EdgeOnly().isHard(scores(0.01))).isFalse();
        assertThat(new EdgeOnly().isHardResult("anything")).isFalse();
        assertThat(new EdgeOnly().isHardInput(new byte[3])).isFalse();
        assertThat(new CloudOnly().isHard(new float[] {0.99f, 0.01f})).isTrue();
        assertThat(new CloudOnly().isHardResult(3.0)).isTrue();
        assertThat(new CloudOnly().isHardInput("x")).isTrue();
    }

    @Test
    void resultsAreJudgedByWhatTheyAre() {
        Threshold t = new Threshold(0.5);
        assertThat(t.isHardResult(scores(0.1))).isTrue();
        assertThat(t.isHardResult(new double[] {0.3, 0.3, 0.4})).isTrue();
        assertThatThrownBy(() -> t.isHardResult("a string")).isInstanceOf(LibException.class)
                .hasMessageContaining("java.lang.String").hasMessageContaining("result judge");
        assertThat(t.judgesInput()).isFalse();
        assertThatThrownBy(() -> t.isHardInput("raw")).hasMessageContaining("inference-then-mining");
    }
}
