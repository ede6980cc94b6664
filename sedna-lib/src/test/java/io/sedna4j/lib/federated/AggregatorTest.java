package io.sedna4j.lib.federated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sedna4j.lib.estimator.NamedTensors;
import io.sedna4j.lib.estimator.NamedTensors.Tensor;
import io.sedna4j.lib.tensor.Safetensors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AggregatorTest {
    private static final long SECOND = 1_000_000_000L;
    private final List<String[]> sent = new ArrayList<>();
    private final Aggregator.Outbox outbox = new Aggregator.Outbox() {
        @Override
        public void text(String client, String json) {
            sent.add(new String[] {client, json});
        }

        @Override
        public void binary(String client, byte[] message) {
            sent.add(new String[] {client, "binary:" + Safetensors.metadata(message, "test").get("round_number")});
        }
    };

    private static NamedTensors tensors(float[] w, float[] b) {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("w", new Tensor(new long[] {2, w.length / 2}, w));
        t.put("b", new Tensor(new long[] {b.length}, b));
        return new NamedTensors(t);
    }

    private static byte[] update(String client, int round, long samples, NamedTensors weights) {
        return Safetensors.write(weights, Map.of("type", "update_weight", "client_id", client,
                "round_number", String.valueOf(round), "num_samples", String.valueOf(samples)));
    }

    private Aggregator aggregator(Aggregation algorithm, int participants, int rounds, int quorum) {
        return new Aggregator(algorithm, new Aggregator.Settings(participants, rounds, quorum, Duration.ofSeconds(10)),
                tensors(new float[4], new float[2]), outbox, new Random(1));
    }

    private List<String> rejections(String client) {
        return sent.stream().filter(s -> s[0].equals(client) && s[1].contains("\"rejected\"")).map(s -> s[1]).toList();
    }

    @Test
    void fedAvgIsTheSampleWeightedMeanOfHandMadeTensors() {
        Aggregator agg = aggregator(new FedAvg(), 2, 1, 2);
        agg.subscribe("a", "", 0);
        agg.subscribe("b", "", 0);
        agg.binary("a", update("a", 1, 1, tensors(new float[] {1, 2, 3, 4}, new float[] {10, 0})), 1);
        agg.binary("b", update("b", 1, 3, tensors(new float[] {5, 6, 7, 8}, new float[] {-2, 4})), 2);

        assertThat(agg.finished()).isTrue();
        assertThat(agg.global().tensors().get("w").values()).containsExactly(4f, 5f, 6f, 7f);
        assertThat(agg.global().tensors().get("b").values()).containsExactly(1f, 3f);
        assertThat(agg.history().get(0).samples()).isEqualTo(4);
        assertThat(agg.history().get(0).participants()).containsExactly("a", "b");
    }

    @Test
    void wrongShapesNaNsStaleRoundsAndDuplicatesAreRejectedNamingClientAndRoundAndTheRoundStillCompletes() {
        Aggregator agg = aggregator(new FedAvg(), 5, 2, 1);
        for (String c : List.of("good", "shape", "nan", "dup", "stale")) {
            agg.subscribe(c, "", 0);
        }
        NamedTensors ok = tensors(new float[] {1, 1, 1, 1}, new float[] {1, 1});
        agg.binary("good", update("good", 1, 10, ok), 1);
        agg.binary("shape", update("shape", 1, 10, tensors(new float[] {1, 1, 1, 1, 1, 1}, new float[] {1, 1})), 1);
        agg.binary("nan", update("nan", 1, 10, tensors(new float[] {1, Float.NaN, 1, 1}, new float[] {1, 1})), 1);
        agg.binary("dup", update("dup", 1, 10, ok), 1);
        agg.binary("dup", update("dup", 1, 10, ok), 1);
        agg.binary("stale", update("stale", 0, 10, ok), 1);

        assertThat(rejections("shape")).singleElement().asString()
                .contains("client shape, round 1", "tensor w has shape [2, 3], the model's is [2, 2]", "fix:");
        assertThat(rejections("nan")).singleElement().asString().contains("client nan, round 1", "w[1] is NaN");
        assertThat(rejections("dup")).singleElement().asString().contains("client dup, round 1", "duplicate");
        assertThat(rejections("stale")).singleElement().asString()
                .contains("client stale, round 0", "round 1 is open", "stale");
        assertThat(agg.completedRounds()).as("a stale update is not the client's answer to round 1: it may still"
                + " send one, until the deadline").isZero();
        agg.tick(11 * SECOND);
        assertThat(agg.completedRounds()).isEqualTo(1);
        assertThat(agg.history().get(0).participants()).containsExactly("good", "dup");
        assertThat(agg.history().get(0).rejected()).containsExactlyInAnyOrder("shape", "nan");
        assertThat(agg.global().tensors().get("w").values()).containsExactly(1f, 1f, 1f, 1f);

        agg.binary("good", update("good", 1, 10, ok), 12 * SECOND);
        assertThat(rejections("good")).singleElement().asString().contains("round 1", "round 2 is open");
    }

    @Test
    void aClientThatNeverAnswersDoesNotStallTheRoundPastItsDeadlineWhenTheQuorumIsMet() {
        Aggregator agg = aggregator(new FedAvg(), 3, 1, 2);
        agg.subscribe("a", "", 0);
        agg.subscribe("b", "", 0);
        agg.subscribe("silent", "", 0);
        NamedTensors ok = tensors(new float[] {2, 2, 2, 2}, new float[] {2, 2});
        agg.binary("a", update("a", 1, 5, ok), SECOND);
        agg.tick(9 * SECOND);
        assertThat(agg.completedRounds()).as("before the deadline").isZero();
        agg.tick(11 * SECOND);
        assertThat(agg.completedRounds()).as("one update is under the quorum: it waits longer").isZero();
        agg.binary("b", update("b", 1, 5, ok), 12 * SECOND);
        assertThat(agg.completedRounds()).isZero();
        agg.tick(22 * SECOND);
        assertThat(agg.completedRounds()).isEqualTo(1);
        assertThat(agg.history().get(0).participants()).containsExactly("a", "b");
        assertThat(agg.history().get(0).dropped()).isEmpty();
    }

    @Test
    void secureAggregationSurvivesADropoutAfterMaskingWithTheExactSumOfTheSurvivors() {
        FedAvg secure = new FedAvg(true, DifferentialPrivacy.NONE);
        Aggregator agg = aggregator(secure, 3, 1, 2);
        Map<String, PairwiseMasks> keys = new LinkedHashMap<>();
        for (String c : List.of("a", "b", "c")) {
            keys.put(c, new PairwiseMasks(c));
            agg.subscribe(c, keys.get(c).publicKey(), 0);
        }
        Map<String, String> cohort = new LinkedHashMap<>();
        keys.forEach((c, k) -> cohort.put(c, k.publicKey()));
        Random r = new Random(7);
        Map<String, NamedTensors> updates = new LinkedHashMap<>();
        for (String c : List.of("a", "b")) {
            float[] w = new float[4];
            for (int i = 0; i < 4; i++) {
                w[i] = (float) r.nextGaussian();
            }
            updates.put(c, tensors(w, new float[] {r.nextFloat(), -r.nextFloat()}));
            Map<String, long[]> encoded = FixedPoint.encode(updates.get(c), 100 + c.charAt(0), c);
            keys.get(c).mask(encoded, cohort, 1); // masked with c too, which then drops out
            agg.binary(c, new MaskedTensors(encoded, Map.of("w", new long[] {2, 2}, "b", new long[] {2}),
                    Map.of("type", "update_weight", "client_id", c, "round_number", "1",
                            "num_samples", String.valueOf(100 + c.charAt(0)))).write(), SECOND);
        }
        agg.disconnected("c", 2 * SECOND);

        List<String> unmask = sent.stream().filter(s -> s[1].contains("\"unmask\"")).map(s -> s[0]).toList();
        assertThat(unmask).containsExactlyInAnyOrder("a", "b");
        for (String c : List.of("a", "b")) {
            String seed = Base64.getEncoder().encodeToString(keys.get(c).seed("c", cohort.get("c"), 1));
            agg.text(c, Protocol.parse("{\"type\":\"seeds\",\"round_number\":1,\"seeds\":{\"c\":\"" + seed + "\"}}",
                    c), 3 * SECOND);
        }

        assertThat(agg.finished()).isTrue();
        Map<String, long[]> expected = new LinkedHashMap<>();
        long samples = 0;
        for (var e : updates.entrySet()) {
            long n = 100 + e.getKey().charAt(0);
            samples += n;
            FixedPoint.encode(e.getValue(), n, e.getKey()).forEach((name, x) ->
                    FixedPoint.add(expected.computeIfAbsent(name, k -> new long[x.length]), x));
        }
        NamedTensors exact = FixedPoint.decodeMean(expected, samples, updates.get("a"));
        assertThat(agg.global().tensors().get("w").values()).as("bit for bit the survivors' fixed-point mean")
                .containsExactly(exact.tensors().get("w").values());
        assertThat(agg.global().tensors().get("b").values()).containsExactly(exact.tensors().get("b").values());
        float plainMean = (updates.get("a").tensors().get("w").values()[0] * 197
                + updates.get("b").tensors().get("w").values()[0] * 198) / 395;
        assertThat(agg.global().tensors().get("w").values()[0]).isCloseTo(plainMean, within(1e-5f));
        assertThat(agg.history().get(0).dropped()).containsExactly("c");
    }

    @Test
    void masksCancelExactlyAndOneMaskedUpdateTellsNothingAboutTheUpdate() {
        Map<String, PairwiseMasks> keys = new LinkedHashMap<>();
        Map<String, String> cohort = new LinkedHashMap<>();
        for (String c : List.of("x", "y", "z")) {
            keys.put(c, new PairwiseMasks(c));
            cohort.put(c, keys.get(c).publicKey());
        }
        Random r = new Random(3);
        int n = 10_000;
        long[] plainSum = new long[n];
        long[] maskedSum = new long[n];
        long[] plainX = null;
        long[] maskedX = null;
        for (String c : keys.keySet()) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) r.nextGaussian();
            }
            Map<String, Tensor> t = Map.of("v", new Tensor(new long[] {n}, v));
            long[] plain = FixedPoint.encode(new NamedTensors(t), 50, c).get("v");
            Map<String, long[]> masked = FixedPoint.encode(new NamedTensors(t), 50, c);
            keys.get(c).mask(masked, cohort, 4);
            FixedPoint.add(plainSum, plain);
            FixedPoint.add(maskedSum, masked.get("v"));
            if (c.equals("x")) {
                plainX = plain;
                maskedX = masked.get("v");
            }
        }
        assertThat(maskedSum).as("the masks cancel bit for bit").containsExactly(plainSum);
        assertThat(Math.abs(correlation(plainX, maskedX))).as("what the server sees of x is uncorrelated with x")
                .isLessThan(0.05);
        long far = 0;
        for (int i = 0; i < n; i++) {
            far += Math.abs((double) maskedX[i] - plainX[i]) > 0x1p56 ? 1 : 0;
        }
        assertThat(far).as("masked values are spread over the whole ring, far from the update").isGreaterThan(n * 9 / 10);
        assertThat(keys.get("x").seed("y", cohort.get("y"), 4)).as("a pair seed is fresh each round")
                .isNotEqualTo(keys.get("x").seed("y", cohort.get("y"), 5))
                .isEqualTo(keys.get("y").seed("x", cohort.get("x"), 4));
    }

    @Test
    void clippingBoundsTheUpdateAndNoiseIsAddedOnTop() {
        NamedTensors global = tensors(new float[4], new float[2]);
        NamedTensors trained = tensors(new float[] {3, 4, 0, 0}, new float[] {0, 0});
        NamedTensors clipped = new DifferentialPrivacy(1, 0).apply(global, trained, 1, new Random(1));
        assertThat(clipped.tensors().get("w").values()).containsExactly(0.6f, 0.8f, 0f, 0f);
        NamedTensors noisy = new DifferentialPrivacy(1, 1).apply(global, trained, 4, new Random(1));
        assertThat(noisy.tensors().get("b").values()[0]).isNotZero();
    }

    @Test
    void theRegistryMakesFedAvgAndFedProxWithTheValidatorsParameters() {
        var registry = io.sedna4j.lib.algorithm.AlgorithmRegistry.standard();
        for (String name : io.sedna4j.api.schema.Algorithms.AGGREGATION.names()) {
            if (!name.equals("MistNet")) {
                assertThat(registry.factory(Aggregation.TYPE, name).parameters()).as(name)
                        .isEqualTo(io.sedna4j.api.schema.Algorithms.AGGREGATION.parameters(name));
            }
        }
        Aggregation prox = registry.create(Aggregation.TYPE, "fedprox", Map.of("mu", "0.1",
                "secure_aggregation", "true"));
        assertThat(prox.clientParameters()).containsEntry("mu", "0.1").containsEntry("secure", "true")
                .containsEntry("aggregation", "FedProx");
    }

    private static double correlation(long[] a, long[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double cov = 0;
        double va = 0;
        double vb = 0;
        for (int i = 0; i < a.length; i++) {
            cov += (a[i] - ma) * (b[i] - mb);
            va += (a[i] - ma) * (a[i] - ma);
            vb += (b[i] - mb) * (b[i] - mb);
        }
        return cov / Math.sqrt(va * vb);
    }

}
