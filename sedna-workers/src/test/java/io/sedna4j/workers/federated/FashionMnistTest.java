package io.sedna4j.workers.federated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sedna4j.backend.pytorch.TorchClassifier;
import io.sedna4j.lib.LibException;
import io.sedna4j.lib.dataset.Partitions;
import io.sedna4j.lib.estimator.Example;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {
    private static List<Example<float[]>> train;
    private static List<Example<float[]>> test;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        // PyTorch's OpenMP threads spin while waiting: with other builds on the same cores, one thread trains
        // several times faster than two (measured: 3.7 s against 58 s for an epoch of 6,000 images)
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
        }
        if (FashionMnist.present(FashionMnist.DEFAULT_DIR)) {
            train = FashionMnist.train(FashionMnist.DEFAULT_DIR);
            test = FashionMnist.test(FashionMnist.DEFAULT_DIR);
        }
    }

    private static void assumeInstalled() {
        assumeTrue(train != null, "Fashion-MNIST is not in " + FashionMnist.DEFAULT_DIR
                + "; skipped (apt-get install dataset-fashion-mnist to run this test)");
    }

    @Test
    void realFilesGiveSixtyThousandAndTenThousandStandardisedImagesInTenBalancedClasses() {
        assumeInstalled();
        assertThat(train).hasSize(60_000);
        assertThat(test).hasSize(10_000);
        assertThat(train).allSatisfy(example -> assertThat(example.input()).hasSize(28 * 28));
        int[] counts = new int[10];
        train.forEach(example -> counts[example.label()]++);
        assertThat(counts).containsOnly(6000);
        double sum = 0;
        double squares = 0;
        for (Example<float[]> example : train) {
            for (float value : example.input()) {
                sum += value;
                squares += value * value;
            }
        }
        double n = 60_000.0 * 28 * 28;
        assertThat(sum / n).isBetween(-0.01, 0.01);
        assertThat(Math.sqrt(squares / n - (sum / n) * (sum / n))).isBetween(0.99, 1.01);
        assertThat(FashionMnist.CLASSES).hasSize(10).startsWith("T-shirt/top").endsWith("Ankle boot");
    }

    @Test
    void aShortTrainingRunOnAFewThousandImagesBeatsChanceByFar() {
        assumeInstalled();
        List<Example<float[]>> few = Partitions.iid(train, 20, 1).get(0); // 3,000 images
        List<Example<float[]>> probe = test.subList(0, 2000);
        try (TorchClassifier classifier = new TorchClassifier(FashionMnist.architecture(), 1)) {
            double before = classifier.evaluate(probe).get("accuracy");

            Map<String, Double> metrics = classifier.train(few, probe, FashionMnist.hyperparameters());

            assertThat(metrics.get("samples")).isEqualTo(3000.0);
            assertThat(before).isLessThan(0.25);
            assertThat(metrics.get("val_accuracy")).isGreaterThan(0.6);
        }
    }

    @Test
    void handMadeFilesLoadStandardisedAndBadLabelsOrSizesAreNamed() throws IOException {
        byte[] pixels = new byte[2 * 28 * 28];
        pixels[28 * 28 + 5] = (byte) 255;
        write("t10k-images-idx3-ubyte.gz", header(3, 2, 28, 28), pixels);
        write("t10k-labels-idx1-ubyte.gz", header(1, 2), new byte[] {9, 0});

        List<Example<float[]>> examples = FashionMnist.test(dir);

        assertThat(examples).extracting(Example::label).containsExactly(9, 0);
        assertThat(examples.get(0).input()[0]).isCloseTo(-0.2860f / 0.3530f, within(1e-5f));
        assertThat(examples.get(1).input()[5]).isCloseTo((1 - 0.2860f) / 0.3530f, within(1e-5f));

        write("t10k-labels-idx1-ubyte.gz", header(1, 2), new byte[] {10, 0});
        assertThatThrownBy(() -> FashionMnist.test(dir)).hasMessageContaining("label 0 is 10, expected 0 to 9");
        write("t10k-labels-idx1-ubyte.gz", header(1, 3), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> FashionMnist.test(dir)).hasMessageContaining("holds 2 images");
        write("t10k-images-idx3-ubyte.gz", header(3, 1, 28, 27), new byte[28 * 27]);
        assertThatThrownBy(() -> FashionMnist.test(dir))
                .hasMessageContaining("dimensions [1, 28, 27], expected [n, 28, 28]");
    }

    @Test
    void aDirectoryWithoutTheFilesNamesItAndTheFix() {
        assertThat(FashionMnist.present(dir)).isFalse();
        assertThatThrownBy(() -> FashionMnist.train(dir)).isInstanceOf(LibException.class)
                .hasMessageContaining(dir.toString()).hasMessageContaining("train-images-idx3-ubyte")
                .hasMessageContaining("apt-get install dataset-fashion-mnist");
    }

    private void write(String name, byte[] header, byte[] values) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve(name)))) {
            out.write(header);
            out.write(values);
        }
    }

    private static byte[] header(int dimensions, int... sizes) {
        ByteBuffer header = ByteBuffer.allocate(4 + 4 * dimensions).put(new byte[] {0, 0, 8, (byte) dimensions});
        for (int size : sizes) {
            header.putInt(size);
        }
        return header.array();
    }
}
