package io.sedna4j.lib.federated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.estimator.Example;
import io.sedna4j.lib.estimator.NamedTensors;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Real server, real WebSocket clients, a real (small) model trained on three clients' data. */
class FederatedLearningTest {
    private static final String TOKEN = "job-token";
    private final List<Example<float[]>> test = SoftmaxRegression.blobs(600, 5, 5, 99);

    private record Run(NamedTensors global, List<RoundSummary> history, Map<String, List<Double>> accuracy) {
    }

    private Run run(Aggregation algorithm, int quorum, Duration timeout, int rounds,
                    java.util.function.IntFunction<SoftmaxRegression> model) throws Exception {
        try (AggregationServer server = AggregationServer.start(algorithm,
                new Aggregator.Settings(3, rounds, quorum, timeout), null, TOKEN, "127.0.0.1", 0)) {
            ExecutorService pool = Executors.newFixedThreadPool(3);
            Map<String, List<Double>> accuracy = new ConcurrentHashMap<>();
            List<Future<Integer>> clients = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int index = i;
                String id = "trainer-" + i;
                accuracy.put(id, new ArrayList<>());
                clients.add(pool.submit(() -> new FederatedLearning<>(model.apply(index), new FederatedLearning.Settings(
                        URI.create("ws://127.0.0.1:" + server.port() + "/" + algorithm.name()), id, TOKEN,
                        Duration.ofSeconds(10)), new Random(index)).train(
                        SoftmaxRegression.blobs(200, 5, 5, index), Map.of("learning_rate", "0.02"),
                        e -> e.evaluate(test), p -> {
                            if (!p.evaluation().isEmpty()) {
                                accuracy.get(id).add(p.evaluation().get("accuracy"));
                            }
                        })));
            }
            for (Future<Integer> c : clients) {
                assertThat(c.get()).isEqualTo(rounds);
            }
            pool.shutdown();
            assertThat(server.awaitFinished(Duration.ofSeconds(10))).isTrue();
            return new Run(server.aggregator().global(), server.aggregator().history(), accuracy);
        }
    }

    @Test
    void threeClientsTrainTogetherAndTheGlobalModelBeatsChance() throws Exception {
        Run run = run(new FedAvg(), 3, Duration.ofSeconds(30), 3, i -> new SoftmaxRegression(5, 5, i));

        assertThat(run.history()).hasSize(3).allSatisfy(r -> assertThat(r.participants()).hasSize(3));
        assertThat(run.history().get(2).samples()).isEqualTo(600);
        assertThat(run.history().get(2).evaluation().get("accuracy")).as("test accuracy of round 3").isGreaterThan(0.8);
        assertThat(run.accuracy().get("trainer-0")).hasSize(3).allSatisfy(a -> assertThat(a).isGreaterThan(0.2));
    }

    @Test
    void secureAggregationGivesThePlainResultUpToTheFixedPointResolution() throws Exception {
        Run plain = run(new FedAvg(), 3, Duration.ofSeconds(30), 2, i -> new SoftmaxRegression(5, 5, i));
        Run secure = run(new FedAvg(true, DifferentialPrivacy.NONE), 3, Duration.ofSeconds(30), 2,
                i -> new SoftmaxRegression(5, 5, i));

        float[] p = plain.global().tensors().get("w").values();
        float[] s = secure.global().tensors().get("w").values();
        for (int i = 0; i < p.length; i++) {
            assertThat(s[i]).isCloseTo(p[i], within(1e-5f));
        }
    }

    @Test
    void aClientKilledMidRoundDoesNotStallTheJobTheRoundClosesOnQuorumAndSecureSumsStayExact() throws Exception {
        Run run = run(new FedAvg(true, DifferentialPrivacy.NONE), 2, Duration.ofSeconds(2), 3, i -> i == 2
                ? new SoftmaxRegression(5, 5, i) {
                    private int calls;

                    @Override
                    public Map<String, Double> train(List<Example<float[]>> train, List<Example<float[]>> v,
                                                     Map<String, String> p) {
                        if (++calls == 2) {
                            try {
                                Thread.sleep(4000); // stuck in round 2 past its deadline
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                        return super.train(train, v, p);
                    }
                }
                : new SoftmaxRegression(5, 5, i));

        RoundSummary second = run.history().get(1);
        assertThat(second.participants()).containsExactlyInAnyOrder("trainer-0", "trainer-1");
        assertThat(second.dropped()).containsExactly("trainer-2");
        assertThat(run.history()).hasSize(3);
        assertThat(run.history().get(2).evaluation().get("accuracy")).isGreaterThan(0.8);
    }

    @Test
    void aClientWithoutTheJobsTokenIsRefusedWithAMessageThatSaysSo() throws Exception {
        try (AggregationServer server = AggregationServer.start(new FedAvg(),
                new Aggregator.Settings(1, 1, 1, Duration.ofSeconds(5)), null, TOKEN, "127.0.0.1", 0)) {
            FederatedLearning<float[]> client = new FederatedLearning<>(new SoftmaxRegression(5, 5, 0),
                    new FederatedLearning.Settings(URI.create("ws://127.0.0.1:" + server.port() + "/FedAvg"), "intruder",
                            "wrong", Duration.ofSeconds(5)));
            assertThatThrownBy(() -> client.train(test, Map.of(), null, null)).isInstanceOf(LibException.class)
                    .hasMessageContaining("client intruder", "refused the connection (HTTP 401", "AGG_TOKEN");
        }
    }
}
