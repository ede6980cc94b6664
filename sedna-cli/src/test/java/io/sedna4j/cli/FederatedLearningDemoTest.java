package io.sedna4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.workers.federated.FashionMnist;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The federated learning demo end to end with tiny settings: two edge nodes, secure aggregation, two rounds on a few
 * hundred Fashion-MNIST images. Needs the Debian package dataset-fashion-mnist; skips without it.
 */
class FederatedLearningDemoTest {
    @TempDir
    Path dir;

    @Test
    void twoClientsTrainTogetherWithSecureAggregationAndTheDemoWritesAccuracyPerRoundAndAChart() throws Exception {
        assumeTrue(FashionMnist.present(FashionMnist.DEFAULT_DIR),
                "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
        Path out = dir.resolve("out");

        CliRun run = CliRun.of("demo", "federated-learning", "--clients", "2", "--rounds", "2", "--secure",
                "--alpha", "0.5", "--train-samples", "1200", "--test-samples", "500", "--data-dir",
                dir.toString(), "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("2 clients, non-IID (Dirichlet alpha 0.5), 2 rounds, secure aggregation",
                "final test accuracy", "accuracy.png");
        List<String> csv = Files.readAllLines(out.resolve("accuracy.csv"));
        assertThat(csv).hasSize(3);
        JsonNode rounds = ResourceCodec.json().readTree(out.resolve("rounds.json").toFile());
        assertThat(rounds).hasSize(2);
        for (JsonNode r : rounds) {
            assertThat(r.path("participants")).hasSize(2);
            assertThat(r.path("evaluation").path("accuracy").asDouble()).as("above chance (0.1)").isGreaterThan(0.3);
        }
        assertThat(rounds.get(1).path("samples").asLong()).isEqualTo(1200);
        assertThat(Files.size(out.resolve("accuracy.png"))).isGreaterThan(1000);
        assertThat(Files.exists(dir.resolve("demo/federated-learning/model/model.safetensors"))).isTrue();
    }
}
