package io.sedna4j.backend.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.estimator.Example;
import io.sedna4j.lib.estimator.NamedTensors;
import io.sedna4j.lib.estimator.NamedTensors.Tensor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxEstimatorTest {
    @TempDir
    Path dir;

    private Path affine() {
        return OnnxModels.write(dir, "affine.onnx", OnnxModels.affineRelu("N"));
    }

    private static NamedTensors x(long rows, float... values) {
        return new NamedTensors(Map.of("X", new Tensor(new long[] {rows, 3}, values)));
    }

    @Test
    void predictGivesHandComputedOutputsAndDescribesInputsAndOutputs() {
        try (OnnxEstimator onnx = OnnxEstimator.open(affine())) {
            assertThat(onnx.inputs()).hasSize(1);
            TensorSpec input = onnx.inputs().get(0);
            assertThat(input.name()).isEqualTo("X");
            assertThat(input.type()).isEqualTo("float32");
            assertThat(input.shape()).containsExactly(-1, 3);
            assertThat(input.dimensionNames()[0]).isEqualTo("N");
            assertThat(input.hasDynamicBatch()).isTrue();
            assertThat(input).hasToString("X float32 [N,3]");
            assertThat(onnx.outputs()).extracting(TensorSpec::toString).containsExactly("Y float32 [N,2]");

            NamedTensors out = onnx.predict(x(3, 1, 2, 3, 4, 5, 6, -3, 0, 1));

            Tensor y = out.tensors().get("Y");
            assertThat(y.shape()).containsExactly(3, 2);
            assertThat(y.values()).containsExactly(5.5f, 3f, 14.5f, 3f, 0f, 5f);
        }
    }

    @Test
    void predictListStacksAlongTheDynamicBatchInOneRunAndSplitsTheResults() {
        try (OnnxEstimator onnx = OnnxEstimator.open(affine())) {
            long before = onnx.runCount();

            List<NamedTensors> out = onnx.predict(List.of(x(1, 1, 2, 3), x(2, 4, 5, 6, -3, 0, 1), x(1, 0, 0, 0)));

            assertThat(onnx.runCount() - before).isEqualTo(1);
            assertThat(out).hasSize(3);
            assertThat(out.get(0).tensors().get("Y").shape()).containsExactly(1, 2);
            assertThat(out.get(0).tensors().get("Y").values()).containsExactly(5.5f, 3f);
            assertThat(out.get(1).tensors().get("Y").shape()).containsExactly(2, 2);
            assertThat(out.get(1).tensors().get("Y").values()).containsExactly(14.5f, 3f, 0f, 5f);
            assertThat(out.get(2).tensors().get("Y").values()).containsExactly(0.5f, 1f);
        }
    }

    @Test
    void predictListRunsInChunksOfMaxBatch() {
        try (OnnxEstimator onnx = OnnxEstimator.open(affine(), OnnxOptions.defaults().withMaxBatch(2))) {
            long before = onnx.runCount();
            List<NamedTensors> inputs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                inputs.add(x(1, i, 0, 0));
            }

            List<NamedTensors> out = onnx.predict(inputs);

            assertThat(onnx.runCount() - before).isEqualTo(3);
            for (int i = 0; i < 5; i++) {
                assertThat(out.get(i).tensors().get("Y").values()).containsExactly(OnnxModels.affineReluOf(i, 0, 0));
            }
        }
    }

    @Test
    void modelWithoutDynamicBatchRunsAListOneByOne() {
        Path fixed = OnnxModels.write(dir, "fixed.onnx", OnnxModels.affineRelu(null));
        try (OnnxEstimator onnx = OnnxEstimator.open(fixed)) {
            assertThat(onnx.inputs().get(0).hasDynamicBatch()).isFalse();
            long before = onnx.runCount();

            List<NamedTensors> out = onnx.predict(List.of(x(1, 1, 2, 3), x(1, -3, 0, 1)));

            assertThat(onnx.runCount() - before).isEqualTo(2);
            assertThat(out.get(0).tensors().get("Y").values()).containsExactly(5.5f, 3f);
            assertThat(out.get(1).tensors().get("Y").values()).containsExactly(0f, 5f);
        }
    }

    @Test
    void wrongInputNameIsRefusedListingTheModelsInputs() {
        try (OnnxEstimator onnx = OnnxEstimator.open(affine())) {
            NamedTensors wrong = new NamedTensors(Map.of("x", new Tensor(new long[] {1, 3}, new float[3])));

            assertThatThrownBy(() -> onnx.predict(wrong))
                    .isInstanceOf(LibException.class)
                    .hasMessageContaining("input \"x\" is not an input of model")
                    .hasMessageContaining("(did you mean \"X\"?)")
                    .hasMessageContaining("the model's inputs are: X float32 [N,3]")
                    .hasMessageContaining("fix:");
        }
    }

    @Test
    void missingInputIsNamedWithAllTheModelsInputs() {
        Path sum = OnnxModels.write(dir, "sum.onnx", OnnxModels.sum());
        try (OnnxEstimator onnx = OnnxEstimator.open(sum)) {
            NamedTensors onlyA = new NamedTensors(Map.of("A", new Tensor(new long[] {1, 2}, new float[] {1, 2})));

            assertThatThrownBy(() -> onnx.predict(onlyA))
                    .isInstanceOf(LibException.class)
                    .hasMessageContaining("needs input \"B\" (float32 [N,2]), which was not given")
                    .hasMessageContaining("A float32 [N,2], B float32 [N,2]");

            NamedTensors both = new NamedTensors(Map.of("A", new Tensor(new long[] {1, 2}, new float[] {1, 2}),
                    "B", new Tensor(new long[] {1, 2}, new float[] {10, 20})));
            assertThat(onnx.predict(both).tensors().get("S").values()).containsExactly(11f, 22f);
        }
    }

    @Test
    void shapeMismatchNamesTheModelsShapeAndTheGivenOne() {
        try (OnnxEstimator onnx = OnnxEstimator.open(affine())) {
            NamedTensors wide = new NamedTensors(Map.of("X", new Tensor(new long[] {2, 4}, new float[8])));
            assertThatThrownBy(() -> onnx.predict(wide))
                    .isInstanceOf(LibException.class)
                    .hasMessageContaining("input \"X\"")
                    .hasMessageContaining("expects shape [N,3] but was given [2,4]");

            NamedTensors flat = new NamedTensors(Map.of("X", new Tensor(new long[] {3}, new float[3])));
            assertThatThrownBy(() -> onnx.predict(flat)).hasMessageContaining("expects shape [N,3] but was given [3]");

            NamedTensors short_ = new NamedTensors(Map.of("X", new Tensor(new long[] {2, 3}, new float[5])));
            assertThatThrownBy(() -> onnx.predict(short_))
                    .hasMessageContaining("was given shape [2,3], which holds 6 values, but 5 values");

            assertThatThrownBy(() -> onnx.predict(List.of(x(1, 1, 2, 3), wide)))
                    .hasMessageStartingWith("example 1: input \"X\"");
        }
    }

    @Test
    void nonFloatInputIsDescribedAndRefused() {
        Path cast = OnnxModels.write(dir, "cast.onnx", OnnxModels.castFromInt64());
        try (OnnxEstimator onnx = OnnxEstimator.open(cast)) {
            assertThat(onnx.inputs()).extracting(TensorSpec::toString).containsExactly("ids int64 [N]");

            NamedTensors ids = new NamedTensors(Map.of("ids", new Tensor(new long[] {2}, new float[] {1, 2})));
            assertThatThrownBy(() -> onnx.predict(ids))
                    .isInstanceOf(LibException.class)
                    .hasMessageContaining("input \"ids\" of model " + cast + " is int64")
                    .hasMessageContaining("float32 tensors only");
        }
    }

    @Test
    void missingFileAndNonOnnxFileGiveClearErrors() throws Exception {
        Path missing = dir.resolve("nope.onnx");
        assertThatThrownBy(() -> OnnxEstimator.open(missing))
                .isInstanceOf(LibException.class)
                .hasMessageContaining("ONNX model file " + missing + " does not exist")
                .hasMessageContaining("fix:");

        Path text = Files.writeString(dir.resolve("model.onnx"), "<html>404 Not Found</html>", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> OnnxEstimator.open(text))
                .isInstanceOf(LibException.class)
                .hasMessageContaining("model file " + text + " is not an ONNX model");

        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertThatThrownBy(() -> OnnxEstimator.open(empty)).hasMessageContaining("holds 0 .onnx files");

        assertThatThrownBy(() -> new OnnxEstimator().predict(x(1, 1, 2, 3)))
                .hasMessageContaining("no ONNX model is loaded");
    }

    @Test
    void aDirectoryWithOneModelLoadsAndSaveCopiesTheFile() throws Exception {
        Path modelDir = Files.createDirectory(dir.resolve("model"));
        OnnxModels.write(modelDir, "affine.onnx", OnnxModels.affineRelu("N"));
        try (OnnxEstimator onnx = OnnxEstimator.open(modelDir)) {
            assertThat(onnx.modelFile()).isEqualTo(modelDir.resolve("affine.onnx"));

            Path out = dir.resolve("out");
            List<Path> saved = onnx.save(out);
            assertThat(onnx.save(dir.resolve("renamed.onnx"))).containsExactly(dir.resolve("renamed.onnx"));

            assertThat(saved).containsExactly(out.resolve("affine.onnx"));
            assertThat(Files.readAllBytes(saved.get(0))).isEqualTo(OnnxModels.affineRelu("N"));
            try (OnnxEstimator copy = OnnxEstimator.open(saved.get(0))) {
                assertThat(copy.predict(x(1, 1, 2, 3)).tensors().get("Y").values()).containsExactly(5.5f, 3f);
            }
        }
    }

    @Test
    void trainAndWeightsSayOnnxRuntimeCannotTrainAndPointToPytorch() {
        try (OnnxEstimator onnx = OnnxEstimator.open(affine())) {
            assertThatThrownBy(() -> onnx.train(List.of(), List.of(), Map.of()))
                    .isInstanceOf(LibException.class)
                    .hasMessageContaining("cannot train")
                    .hasMessageContaining("PyTorch backend");
            assertThatThrownBy(onnx::weights).hasMessageContaining("PyTorch backend");
            assertThatThrownBy(() -> onnx.setWeights(new NamedTensors(Map.of())))
                    .hasMessageContaining("PyTorch backend");
        }
    }

    @Test
    void evaluateScoresTheArgMaxOfTheFirstOutputAgainstLabels() {
        try (OnnxEstimator onnx = OnnxEstimator.open(affine())) {
            // [1,2,3] -> [5.5, 3] class 0; [-3,0,1] -> [0, 5] class 1
            Map<String, Double> metrics = onnx.evaluate(List.of(new Example<>(x(1, 1, 2, 3), 0),
                    new Example<>(x(1, -3, 0, 1), 1), new Example<>(x(1, -3, 0, 1), 0)));

            assertThat(metrics.get("accuracy")).isCloseTo(2.0 / 3, within(1e-9));
        }
    }

    @Test
    void eightThreadsShareOneSessionAndAllGetTheirOwnRightAnswers() throws Exception {
        OnnxOptions options = OnnxOptions.defaults().withIntraOpThreads(1);
        try (OnnxEstimator onnx = OnnxEstimator.open(affine(), options)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Integer>> checks = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int seed = t;
                    checks.add(pool.submit(() -> {
                        Random random = new Random(seed);
                        for (int i = 0; i < 200; i++) {
                            float[] v = {random.nextInt(21) - 10, random.nextInt(21) - 10, random.nextInt(21) - 10};
                            float[] y = onnx.predict(x(1, v)).tensors().get("Y").values();
                            assertThat(y).containsExactly(OnnxModels.affineReluOf(v[0], v[1], v[2]));
                        }
                        return 200;
                    }));
                }
                int done = 0;
                for (Future<Integer> check : checks) {
                    done += check.get();
                }
                assertThat(done).isEqualTo(1600);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void optionsFromWorkerParametersApplyAndBadOnesAreNamed() {
        OnnxOptions options = OnnxOptions.fromParameters(Map.of("intra_op_threads", "1", "inter_op_threads", "2",
                "optimization", "none", "execution", "parallel", "epochs", "3"));
        assertThat(options).isEqualTo(new OnnxOptions(1, 2, OnnxOptions.Optimization.NONE,
                OnnxOptions.Execution.PARALLEL, 32));
        try (OnnxEstimator onnx = OnnxEstimator.open(affine(), options)) {
            assertThat(onnx.predict(x(1, 1, 2, 3)).tensors().get("Y").values()).containsExactly(5.5f, 3f);
        }

        assertThatThrownBy(() -> OnnxOptions.fromParameters(Map.of("optimization", "max")))
                .isInstanceOf(LibException.class)
                .hasMessageContaining("optimization is \"max\"; fix: use one of none, basic, extended, all");
        assertThatThrownBy(() -> OnnxOptions.fromParameters(Map.of("intra_op_threads", "two")))
                .hasMessageContaining("intra_op_threads is \"two\", not a whole number");
    }
}
