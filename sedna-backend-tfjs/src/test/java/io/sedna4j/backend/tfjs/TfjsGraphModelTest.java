package io.sedna4j.backend.tfjs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.estimator.NamedTensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfjsGraphModelTest {
    @TempDir
    Path dir;

    static NamedTensors x(float[][] rows) {
        float[] flat = new float[rows.length * 3];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * 3, 3);
        }
        return new NamedTensors(Map.of("x", new NamedTensors.Tensor(new long[] {rows.length, 3}, flat)));
    }

    @Test
    void handWrittenModelGivesMatMulPlusBiasWithDequantisedWeights() throws Exception {
        float[][] rows = {{1, 2, 3}, {4, 5, 6}};
        try (TfjsGraphModel model = TfjsGraphModel.load(TinyModel.write(dir))) {
            NamedTensors.Tensor y = model.run(x(rows)).tensors().get("y");
            assertThat(y.shape()).containsExactly(4);
            assertThat(y.values()).containsExactly(TinyModel.expected(rows));
            assertThat(y.values()).containsExactly(-1.5f, -2f, -3f, -0.5f);
        }
    }

    @Test
    void loadsFromADirectoryAndDescribesPlaceholdersAndSignatureOutputs() throws Exception {
        TinyModel.write(dir.resolve("m"));
        try (TfjsGraphModel model = TfjsGraphModel.load(dir.resolve("m"))) {
            assertThat(model.inputs()).containsExactly(new TensorSpec("x", "DT_FLOAT", new long[] {-1, 3}));
            assertThat(model.outputs()).extracting(TensorSpec::name).containsExactly("y");
            assertThat(model.files()).extracting(p -> p.getFileName().toString()).containsExactly("model.json", "tiny.bin");
        }
    }

    @Test
    void fetchesAnyNodeByNameOrNameColonIndex() throws Exception {
        try (TfjsGraphModel model = TfjsGraphModel.load(TinyModel.write(dir))) {
            Map<String, NamedTensors.Tensor> out = model.run(x(new float[][] {{1, 0, 0}}), List.of("xw:0", "sum")).tensors();
            assertThat(out.get("xw:0").values()).containsExactly(0f, 1f);
            assertThat(out.get("sum").values()).containsExactly(0.5f, -1f);
        }
    }

    @Test
    void converterFusedOpsAreRewrittenForTensorFlowAndRun() throws Exception {
        try (TfjsGraphModel model = TfjsGraphModel.load(TinyModel.writeFused(dir))) {
            var x = new NamedTensors(Map.of("x", new NamedTensors.Tensor(new long[] {1, 2, 2, 1}, new float[] {1, 2, 3, 4})));
            NamedTensors.Tensor z = model.run(x).tensors().get("z");
            assertThat(z.shape()).containsExactly(1, 2, 2, 1);
            assertThat(z.values()).containsExactly(8, 14, 20, 26);
        }
    }

    @Test
    void missingModelJsonNamesThePathAndFetchModels() {
        Path absent = dir.resolve("centernet.json");
        assertThatThrownBy(() -> TfjsGraphModel.load(absent)).isInstanceOf(LibException.class)
                .hasMessageContaining(absent.toString()).hasMessageContaining("bin/fetch-models");
    }

    @Test
    void missingShardNamesTheShardAndTheModel() throws Exception {
        Path json = TinyModel.write(dir);
        Files.delete(dir.resolve("tiny.bin"));
        assertThatThrownBy(() -> TfjsGraphModel.load(json)).isInstanceOf(LibException.class)
                .hasMessageContaining(dir.resolve("tiny.bin").toString()).hasMessageContaining(json.toString())
                .hasMessageContaining("fix:");
    }

    @Test
    void truncatedShardSaysSoAndNamesTheWeight() throws Exception {
        Path json = TinyModel.write(dir);
        Files.write(dir.resolve("tiny.bin"), new byte[8]);
        assertThatThrownBy(() -> TfjsGraphModel.load(json)).isInstanceOf(LibException.class)
                .hasMessageContaining("truncated").hasMessageContaining("'b'");
    }

    @Test
    void unsupportedDtypeNamesTheWeightAndTheDtype() throws Exception {
        Path json = TinyModel.write(dir, "string");
        assertThatThrownBy(() -> TfjsGraphModel.load(json)).isInstanceOf(LibException.class)
                .hasMessageContaining("'flat'").hasMessageContaining("string").hasMessageContaining(json.toString());
    }

    @Test
    void layersModelIsRejectedWithTheConverterFix() throws Exception {
        Path json = dir.resolve("model.json");
        Files.writeString(json, "{\"format\": \"layers-model\", \"modelTopology\": {\"class_name\": \"Sequential\"}}");
        assertThatThrownBy(() -> TfjsGraphModel.load(json)).isInstanceOf(LibException.class)
                .hasMessageContaining("layers-model").hasMessageContaining("tfjs_graph_model");
    }

    @Test
    void wrongInputShapeOrNameIsAClearError() throws Exception {
        try (TfjsGraphModel model = TfjsGraphModel.load(TinyModel.write(dir))) {
            var wide = new NamedTensors(Map.of("x", new NamedTensors.Tensor(new long[] {1, 4}, new float[4])));
            assertThatThrownBy(() -> model.run(wide)).isInstanceOf(LibException.class)
                    .hasMessageContaining("[-1, 3]").hasMessageContaining("[1, 4]");
            var other = new NamedTensors(Map.of("images", new NamedTensors.Tensor(new long[] {1, 3}, new float[3])));
            assertThatThrownBy(() -> model.run(other)).isInstanceOf(LibException.class).hasMessageContaining("'images'");
            assertThatThrownBy(() -> model.run(x(new float[][] {{1, 2, 3}}), List.of("nope")))
                    .isInstanceOf(LibException.class).hasMessageContaining("'nope'");
        }
    }

    @Test
    void halfFloatsDecodeExactly() {
        assertThat(Weights.halfToFloat((short) 0x3C00)).isEqualTo(1f);
        assertThat(Weights.halfToFloat((short) 0xC000)).isEqualTo(-2f);
        assertThat(Weights.halfToFloat((short) 0x7BFF)).isEqualTo(65504f);
        assertThat(Weights.halfToFloat((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(Weights.halfToFloat((short) 0x7C00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(Weights.halfToFloat((short) 0x8000)).isEqualTo(-0f);
    }
}
