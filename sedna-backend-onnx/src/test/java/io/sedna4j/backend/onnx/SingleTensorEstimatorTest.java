package io.sedna4j.backend.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sedna4j.lib.LibException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SingleTensorEstimatorTest {
    @TempDir
    Path dir;

    @Test
    void floatArrayInFloatArrayOutWithTheModelsShapeAndBatchOfOne() {
        Path model = OnnxModels.write(dir, "affine.onnx", OnnxModels.affineRelu("batch"));
        try (SingleTensorEstimator single = OnnxEstimator.forSingleInput(model, OnnxOptions.defaults())) {
            assertThat(single.inputShape()).containsExactly(1, 3);

            assertThat(single.predict(new float[] {1, 2, 3})).containsExactly(5.5f, 3f);
            assertThat(single.predict(new float[] {1, 2, 3, -3, 0, 1}, new long[] {2, 3}))
                    .containsExactly(5.5f, 3f, 0f, 5f);
            assertThat(single.predictTensor(new float[] {1, 2, 3}, new long[] {1, 3}).shape()).containsExactly(1, 2);

            List<float[]> batch = single.predict(List.of(new float[] {1, 2, 3}, new float[] {-3, 0, 1}));
            assertThat(batch.get(0)).containsExactly(5.5f, 3f);
            assertThat(batch.get(1)).containsExactly(0f, 5f);
        }
    }

    @Test
    void modelsWithTwoInputsOrAShapeThatDoesNotFitAreRefused() {
        Path sum = OnnxModels.write(dir, "sum.onnx", OnnxModels.sum());
        assertThatThrownBy(() -> OnnxEstimator.forSingleInput(sum, OnnxOptions.defaults()))
                .isInstanceOf(LibException.class)
                .hasMessageContaining("has 2 inputs (A float32 [N,2], B float32 [N,2]), not one");

        Path model = OnnxModels.write(dir, "affine.onnx", OnnxModels.affineRelu("N"));
        assertThatThrownBy(() -> OnnxEstimator.forSingleInput(model, OnnxOptions.defaults(), 1, 4))
                .isInstanceOf(LibException.class)
                .hasMessageContaining("shape [1,4] does not fit input X float32 [N,3]");
    }
}
