package io.sedna4j.backend.pytorch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.estimator.Example;
import io.sedna4j.lib.estimator.NamedTensors;
import io.sedna4j.lib.estimator.NamedTensors.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchClassifierTest {
    private static final Architecture MLP = Architecture.mlp(4, 3, 16);
    private static final List<Example<float[]>> TRAIN = Datasets.blobs(150, 1);
    private static final List<Example<float[]>> VALIDATION = Datasets.blobs(60, 2);
    private static final List<float[]> PROBES = VALIDATION.subList(0, 10).stream().map(Example::input).toList();

    @TempDir
    Path dir;

    @Test
    void mlpOnSeparableDataLowersItsLossAndBeatsChance() {
        try (TorchClassifier classifier = new TorchClassifier(MLP, 1)) {
            Map<String, Double> before = classifier.evaluate(VALIDATION);

            Map<String, Double> trained = classifier.train(TRAIN, VALIDATION,
                    Map.of("epochs", "15", "batch_size", "16", "learning_rate", "0.01"));

            Map<String, Double> after = classifier.evaluate(VALIDATION);
            assertThat(after.get("loss")).isLessThan(before.get("loss") * 0.5);
            assertThat(after.get("accuracy")).isGreaterThan(0.9).isGreaterThan(before.get("accuracy"));
            assertThat(trained.get("accuracy")).isGreaterThan(0.9);
            assertThat(trained.get("val_accuracy")).isEqualTo(after.get("accuracy"));
            assertThat(trained).containsEntry("epochs", 15.0).containsEntry("samples", 150.0);

            float[] probabilities = classifier.predict(PROBES.get(0));
            assertThat(probabilities).hasSize(3);
            assertThat(probabilities[0] + probabilities[1] + probabilities[2]).isCloseTo(1f, within(1e-5f));
        }
    }

    @Test
    void sgdTrainsTooAndTheSameSeedGivesTheSameModel() {
        Map<String, String> sgd = Map.of("optimizer", "sgd", "momentum", "0.9", "epochs", "5", "batch_size", "16");
        try (TorchClassifier a = new TorchClassifier(MLP, 7); TorchClassifier b = new TorchClassifier(MLP, 7)) {
            assertThat(a.predict(PROBES)).containsExactlyElementsOf(b.predict(PROBES));

            Map<String, Double> trainedA = a.train(TRAIN, List.of(), sgd);
            Map<String, Double> trainedB = b.train(TRAIN, List.of(), sgd);

            assertThat(trainedA).isEqualTo(trainedB);
            assertThat(trainedA.get("accuracy")).isGreaterThan(0.8);
            assertThat(a.predict(PROBES)).containsExactlyElementsOf(b.predict(PROBES));
        }
    }

    @Test
    void cnnLearnsWhichHalfOfASmallImageIsBright() {
        Architecture cnn = Architecture.cnn(new long[] {1, 8, 8}, 2, new int[] {4, 8}, 16);
        try (TorchClassifier classifier = new TorchClassifier(cnn, 3)) {
            Map<String, Double> trained = classifier.train(Datasets.halves(64, 4), List.of(),
                    Map.of("epochs", "6", "batch_size", "8", "learning_rate", "0.01"));

            assertThat(trained.get("accuracy")).isGreaterThan(0.9);
            assertThat(classifier.evaluate(Datasets.halves(40, 5)).get("accuracy")).isGreaterThan(0.9);
        }
        try (TorchClassifier fashion = new TorchClassifier(Architecture.smallImageCnn())) {
            assertThat(fashion.weights().tensors().keySet()).containsExactly("01Conv2d_weight", "01Conv2d_bias",
                    "04Conv2d_weight", "04Conv2d_bias", "08Linear_weight", "08Linear_bias", "10Linear_weight",
                    "10Linear_bias");
            assertThat(fashion.weights().tensors().get("08Linear_weight").shape()).containsExactly(64, 32 * 7 * 7);
            assertThat(fashion.predict(new float[28 * 28])).hasSize(10);
        }
    }

    @Test
    void weightsMovedToAFreshModelGiveIdenticalPredictions() {
        try (TorchClassifier trained = new TorchClassifier(MLP, 1); TorchClassifier fresh = new TorchClassifier(MLP, 2)) {
            trained.train(TRAIN, List.of(), Map.of("epochs", "2"));
            NamedTensors weights = trained.weights();
            assertThat(weights.tensors().keySet())
                    .containsExactly("02Linear_weight", "02Linear_bias", "04Linear_weight", "04Linear_bias");
            assertThat(weights.tensors().get("02Linear_weight").shape()).containsExactly(16, 4);
            assertThat(fresh.predict(PROBES).get(0)).isNotEqualTo(trained.predict(PROBES).get(0));

            fresh.setWeights(weights);

            assertThat(fresh.predict(PROBES)).containsExactlyElementsOf(trained.predict(PROBES));
            assertThat(fresh.weights().tensors().get("04Linear_bias").values())
                    .containsExactly(weights.tensors().get("04Linear_bias").values());
        }
    }

    @Test
    void savedAndLoadedModelGivesIdenticalPredictions() throws Exception {
        Path saved = dir.resolve("model");
        try (TorchClassifier trained = new TorchClassifier(MLP, 1)) {
            trained.train(TRAIN, List.of(), Map.of("epochs", "2"));
            trained.save(saved);
            List<Path> files = trained.save(saved); // again: overwrites, no classifier-0001.params

            assertThat(files).containsExactly(saved.resolve("architecture.json"), saved.resolve("classifier-0000.params"));
            assertThat(Files.list(saved).map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("architecture.json", "classifier-0000.params");
            assertThat(Files.readString(saved.resolve("architecture.json"))).contains("\"kind\" : \"mlp\"");

            try (TorchClassifier loaded = TorchClassifier.open(saved)) {
                assertThat(loaded.architecture()).isEqualTo(MLP);
                assertThat(loaded.predict(PROBES)).containsExactlyElementsOf(trained.predict(PROBES));
                // a loaded model trains on
                assertThat(loaded.train(TRAIN, List.of(), Map.of("epochs", "1")).get("accuracy")).isGreaterThan(0.5);
            }

            Path architecture = saved.resolve("architecture.json");
            Files.writeString(architecture, Files.readString(architecture).replace("16", "8"));
            assertThatThrownBy(() -> TorchClassifier.open(saved))
                    .isInstanceOf(LibException.class)
                    .hasMessageContaining("the weights in " + saved + " do not fit its architecture.json");
        }
    }

    @Test
    void weightsWithAWrongNameOrShapeAreRefusedNamingTheTensor() {
        try (TorchClassifier classifier = new TorchClassifier(MLP)) {
            NamedTensors good = classifier.weights();
            List<float[]> before = classifier.predict(PROBES);

            Map<String, Tensor> renamed = new LinkedHashMap<>(good.tensors());
            renamed.put("02Linear_weigth", renamed.remove("02Linear_weight"));
            assertThatThrownBy(() -> classifier.setWeights(new NamedTensors(renamed)))
                    .isInstanceOf(LibException.class)
                    .hasMessageContaining("weights hold tensor \"02Linear_weigth\"")
                    .hasMessageContaining("did you mean \"02Linear_weight\"")
                    .hasMessageContaining("02Linear_weight [16, 4]");

            Map<String, Tensor> reshaped = new LinkedHashMap<>(good.tensors());
            reshaped.put("04Linear_weight", new Tensor(new long[] {3, 8}, new float[24]));
            assertThatThrownBy(() -> classifier.setWeights(new NamedTensors(reshaped)))
                    .isInstanceOf(LibException.class)
                    .hasMessageContaining("weights tensor \"04Linear_weight\" has shape [3, 8] but model")
                    .hasMessageContaining("has [3, 16]");

            Map<String, Tensor> missing = new LinkedHashMap<>(good.tensors());
            missing.remove("02Linear_bias");
            assertThatThrownBy(() -> classifier.setWeights(new NamedTensors(missing)))
                    .hasMessageContaining("weights lack tensor \"02Linear_bias\" [16]");

            assertThat(classifier.predict(PROBES)).containsExactlyElementsOf(before);
        }
    }

    @Test
    void fedProxKeepsTheUpdateCloserToTheWeightsTrainingStartedFrom() {
        try (TorchClassifier plain = new TorchClassifier(MLP, 5); TorchClassifier prox = new TorchClassifier(MLP, 5)) {
            NamedTensors start = plain.weights();
            Map<String, String> common = Map.of("epochs", "3", "learning_rate", "0.01", "seed", "9");

            plain.train(TRAIN, List.of(), common);
            Map<String, String> withMu = new LinkedHashMap<>(common);
            withMu.put("mu", "5");
            Map<String, Double> metrics = prox.train(TRAIN, List.of(), withMu);

            assertThat(metrics).containsKey("proximal_term");
            assertThat(distance(prox.weights(), start)).isLessThan(distance(plain.weights(), start) * 0.8);
        }
    }

    @Test
    void manyTrainingRoundsKeepOnlyTheParametersInMemory() {
        try (TorchClassifier classifier = new TorchClassifier(MLP)) {
            int parameters = classifier.weights().tensors().size();
            for (String mu : List.of("0", "0.1", "0", "0.1")) {
                classifier.setWeights(classifier.weights());
                classifier.train(TRAIN.subList(0, 30), VALIDATION.subList(0, 6), Map.of("mu", mu));
                classifier.predict(PROBES);
            }
            assertThat(classifier.liveArrays()).isEqualTo(parameters);
        }
    }

    @Test
    void badInputsLabelsHyperparametersAndDirectoriesAreNamed() throws Exception {
        try (TorchClassifier classifier = new TorchClassifier(MLP)) {
            assertThatThrownBy(() -> classifier.predict(new float[5]))
                    .isInstanceOf(LibException.class)
                    .hasMessageContaining("input 0 has 5 values, but classifier")
                    .hasMessageContaining("takes 4 (shape [4], row-major)");
            List<Example<float[]>> badLabel = List.of(TRAIN.get(0), new Example<>(new float[4], 3));
            assertThatThrownBy(() -> classifier.train(badLabel, List.of(), Map.of()))
                    .hasMessageContaining("training example 1 has label 3")
                    .hasMessageContaining("has 3 classes (0 to 2)");
            assertThatThrownBy(() -> classifier.train(TRAIN, List.of(), Map.of("batch_size", "abc")))
                    .hasMessageContaining("hyperparameter batch_size is \"abc\", not a number; fix: give e.g. "
                            + "batch_size=32");
            assertThatThrownBy(() -> classifier.train(TRAIN, List.of(), Map.of("epochs", "0")))
                    .hasMessageContaining("hyperparameter epochs is \"0\"; fix: give a whole number above 0");
            assertThatThrownBy(() -> classifier.train(TRAIN, List.of(), Map.of("optimizer", "rmsprop")))
                    .hasMessageContaining("optimizer is \"rmsprop\"; fix: use adam or sgd");
        }
        assertThatThrownBy(() -> TorchClassifier.open(dir.resolve("missing")))
                .isInstanceOf(LibException.class).hasMessageContaining("does not exist or is not a directory");
        assertThatThrownBy(() -> TorchClassifier.open(dir))
                .isInstanceOf(LibException.class).hasMessageContaining("has no architecture.json");
        assertThatThrownBy(() -> new TorchClassifier().predict(new float[4]))
                .hasMessageContaining("has no network");
        assertThatThrownBy(() -> Architecture.cnn(new long[] {1, 2, 2}, 10, new int[] {8, 8}))
                .hasMessageContaining("at least 4 pixels high and wide");
    }

    private static double distance(NamedTensors a, NamedTensors b) {
        double sum = 0;
        for (Map.Entry<String, Tensor> entry : a.tensors().entrySet()) {
            float[] x = entry.getValue().values();
            float[] y = b.tensors().get(entry.getKey()).values();
            for (int i = 0; i < x.length; i++) {
                sum += (x[i] - y[i]) * (double) (x[i] - y[i]);
            }
        }
        return Math.sqrt(sum);
    }
}
