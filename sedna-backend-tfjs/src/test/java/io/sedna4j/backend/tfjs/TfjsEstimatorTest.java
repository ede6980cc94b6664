package io.sedna4j.backend.tfjs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.estimator.Example;
import io.sedna4j.lib.estimator.NamedTensors;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfjsEstimatorTest {
    @TempDir
    Path dir;

    @Test
    void predictsWithTheLoadedModelAndSavesACopyThatLoadsAgain() throws Exception {
        NamedTensors x = TfjsGraphModelTest.x(new float[][] {{1, 2, 3}});
        try (TfjsEstimator estimator = new TfjsEstimator(TinyModel.write(dir.resolve("in")))) {
            assertThat(estimator.predict(x).tensors().get("y").values()).containsExactly(-1.5f, -2f);
            List<Path> saved = estimator.save(dir.resolve("out"));
            assertThat(saved).extracting(p -> p.getFileName().toString()).containsExactly("model.json", "tiny.bin");
            estimator.load(dir.resolve("out"));
            assertThat(estimator.predict(List.of(x, x))).hasSize(2)
                    .allSatisfy(y -> assertThat(y.tensors().get("y").values()).containsExactly(-1.5f, -2f));
        }
    }

    @Test
    void evaluateScoresTheArgmaxOfTheSingleOutput() throws Exception {
        try (TfjsEstimator estimator = new TfjsEstimator(TinyModel.write(dir))) {
            // {1,0,0} -> (0.5, -1): class 0, right; {0,0,1} -> (-0.5, -2): class 0, right; {0,0,-4} -> (4.5, -2): class 0, wrong
            var data = List.of(new Example<>(TfjsGraphModelTest.x(new float[][] {{1, 0, 0}}), 0),
                    new Example<>(TfjsGraphModelTest.x(new float[][] {{0, 0, 1}}), 0),
                    new Example<>(TfjsGraphModelTest.x(new float[][] {{0, 0, -4}}), 1));
            assertThat(estimator.evaluate(data)).containsEntry("accuracy", 2.0 / 3).containsEntry("samples", 3.0);
        }
    }

    @Test
    void trainingAndWeightsPointToThePytorchBackend() throws Exception {
        try (TfjsEstimator estimator = new TfjsEstimator(TinyModel.write(dir))) {
            assertThatThrownBy(() -> estimator.train(List.of(), List.of(), Map.of())).isInstanceOf(LibException.class)
                    .hasMessageContaining("inference only").hasMessageContaining("pytorch");
            assertThatThrownBy(estimator::weights).isInstanceOf(LibException.class).hasMessageContaining("pytorch");
            assertThatThrownBy(() -> estimator.setWeights(new NamedTensors(Map.of()))).isInstanceOf(LibException.class)
                    .hasMessageContaining("model.json");
        }
    }

    @Test
    void predictBeforeLoadSaysToLoad() {
        try (TfjsEstimator estimator = new TfjsEstimator()) {
            assertThatThrownBy(() -> estimator.predict(new NamedTensors(Map.of()))).isInstanceOf(LibException.class)
                    .hasMessageContaining("load(");
        }
    }
}
