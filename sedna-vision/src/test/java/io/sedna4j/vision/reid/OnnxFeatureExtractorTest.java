package io.sedna4j.vision.reid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sedna4j.backend.onnx.OnnxOptions;
import io.sedna4j.lib.LibException;
import io.sedna4j.vision.Color;
import io.sedna4j.vision.Image;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxFeatureExtractorTest {
    @TempDir
    Path dir;

    /** What the channel-means model must return for a plain crop: RGB scaled, ImageNet-normalised, L2-normalised. */
    private static float[] expected(Color c) {
        float[] mean = {0.485f, 0.456f, 0.406f};
        float[] std = {0.229f, 0.224f, 0.225f};
        int[] rgb = {c.r(), c.g(), c.b()};
        float[] v = new float[3];
        for (int i = 0; i < 3; i++) {
            v[i] = (rgb[i] / 255f - mean[i]) / std[i];
        }
        return Features.normalize(v);
    }

    @Test
    void aCropBecomesTheModelsNormalisedOutputWithImageNetPreprocessing() {
        Color denim = new Color(90, 120, 170);
        try (OnnxFeatureExtractor model = OnnxFeatureExtractor.open(ReidModels.channelMeans(dir, "N", 256L, 128L));
             Image crop = Image.blank(100, 290, denim)) {
            assertThat(model.dimension()).isEqualTo(3);
            assertThat(model.name()).isEqualTo("onnx:means.onnx");
            assertThat(model.inputSize()).containsExactly(128, 256);
            assertThat(model.matchThreshold()).isEqualTo(0.75);
            float[] f = model.extract(crop);
            float[] want = expected(denim);
            for (int i = 0; i < 3; i++) {
                assertThat(f[i]).as("channel %d (RGB order)", i).isCloseTo(want[i], within(1e-4f));
            }
        }
    }

    @Test
    void severalCropsRunAsOneBatchWithTheSameResults() {
        Color[] colours = {Color.RED, Color.GREEN, new Color(20, 30, 40)};
        try (OnnxFeatureExtractor model = OnnxFeatureExtractor.open(ReidModels.channelMeans(dir, "N", null, null));
             Image a = Image.blank(40, 90, colours[0]); Image b = Image.blank(64, 128, colours[1]);
             Image c = Image.blank(10, 30, colours[2])) {
            List<float[]> batch = model.extractAll(List.of(a, b, c));
            assertThat(batch).hasSize(3);
            assertThat(batch.get(1)).containsExactly(model.extract(b));
            for (int i = 0; i < 3; i++) {
                assertThat(Features.cosine(batch.get(i), expected(colours[i]))).isCloseTo(1.0, within(1e-5));
            }
        }
    }

    @Test
    void aModelThatDeclaresItsInputSizeIsFedThatSize() {
        Path model = ReidModels.channelMeans(dir, null, 64L, 32L);
        try (OnnxFeatureExtractor fixed = OnnxFeatureExtractor.open(model, OnnxFeatureExtractor.Options.defaults(),
                OnnxOptions.defaults()); Image crop = Image.blank(50, 150, Color.BLUE)) {
            assertThat(fixed.inputSize()).containsExactly(32, 64);
            assertThat(fixed.extract(crop)).hasSize(3);
        }
    }

    @Test
    void aMissingFileOrANonImageModelSaysWhatIsWrong() {
        assertThatThrownBy(() -> OnnxFeatureExtractor.open(dir.resolve("osnet.onnx")))
                .isInstanceOf(LibException.class).hasMessageContaining("osnet.onnx").hasMessageContaining("fix:");
        assertThatThrownBy(() -> OnnxFeatureExtractor.open(ReidModels.vector(dir)))
                .isInstanceOf(LibException.class).hasMessageContaining("vector.onnx")
                .hasMessageContaining("one image input of rank 4");
        assertThatThrownBy(() -> OnnxFeatureExtractor.Options.defaults().withSize(0, 256))
                .isInstanceOf(LibException.class).hasMessageContaining("Options.defaults()");
    }
}
