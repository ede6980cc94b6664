package io.sedna4j.lib.jointinference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.sedna4j.lib.FunctionEstimator;
import io.sedna4j.lib.LibException;
import io.sedna4j.lib.WorkerContext;
import io.sedna4j.lib.algorithm.hem.CloudOnly;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JointInferenceTest {
    /** Sure of class 0 for x ≥ 0 (confidence 0.919), unsure for x < 0 (confidence 0): CrossEntropy 0.5 splits them. */
    private static final FunctionEstimator<Double, float[]> EDGE = new FunctionEstimator<>(
            x -> x >= 0 ? new float[] {0.99f, 0.01f} : new float[] {0.5f, 0.5f}, false);
    private static final float[] EDGE_SURE = {0.99f, 0.01f};
    private static final float[] EDGE_UNSURE = {0.5f, 0.5f};

    private HttpServer lc;
    private final List<JsonNode> reports = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startLc() throws Exception {
        lc = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        lc.createContext("/sedna/workers/", ex -> {
            reports.add(new ObjectMapper().readTree(ex.getRequestBody()));
            byte[] ok = "{\"Status\":200,\"Message\":\"OK\"}".getBytes();
            ex.sendResponseHeaders(200, ok.length);
            ex.getResponseBody().write(ok);
            ex.close();
        });
        lc.start();
    }

    @AfterEach
    void stopLc() {
        lc.stop(0);
    }

    /** The big model: answers [0, x], so a result shows where it came from and for which input. */
    private static BigModelService<Double, float[]> cloud(int port) {
        return BigModelService.builder(new FunctionEstimator<Double, float[]>(x -> new float[] {0f, x.floatValue()}),
                Codec.json(Double.class), Codec.json(float[].class)).service("helmet").port(port).start();
    }

    private WorkerContext context(int cloudPort, Map<String, String> more) {
        Map<String, String> env = new HashMap<>(Map.of("WORKER_NAME", "edgeworker-1", "NAMESPACE", "default",
                "SERVICE_NAME", "helmet", "BIG_MODEL_IP", "127.0.0.1", "BIG_MODEL_PORT", String.valueOf(cloudPort),
                "HEM_NAME", "CrossEntropy",
                "HEM_PARAMETERS", "[{\"key\":\"threshold_cross_entropy\",\"value\":\"0.5\"}]",
                "LC_SERVER", "http://127.0.0.1:" + lc.getAddress().getPort(), "LC_PERIOD", "0.2"));
        env.putAll(more);
        return WorkerContext.fromEnv(env);
    }

    private static CloudClient<Double, float[]> client(WorkerContext c) {
        return CloudClient.builder(c, Codec.json(Double.class), Codec.json(float[].class))
                .timeout(Duration.ofSeconds(1)).retries(1).backoff(Duration.ofMillis(10))
                .circuit(2, Duration.ofMillis(500)).build();
    }

    @Test
    void hardExamplesGoToTheCloudAndTheEdgeAnswersWhileItIsDown() throws Exception {
        BigModelService<Double, float[]> cloud = cloud(0);
        int port = cloud.port();
        WorkerContext c = context(port, Map.of());
        CloudClient<Double, float[]> client = client(c);
        assertThat(client.endpoint().toString()).isEqualTo("http://127.0.0.1:" + port + "/helmet");
        int inferences = 0;
        int hard = 0;
        int fallbacks = 5;
        try (JointInference<Double, float[]> ji = JointInference.builder(EDGE).context(c).cloud(client).build()) {
            JointInference.Result<float[]> easy = ji.inference(1.0);
            inferences++;
            assertThat(easy.isHard()).isFalse();
            assertThat(easy.finalResult()).isEqualTo(EDGE_SURE);
            assertThat(easy.cloudResult()).isNull();

            JointInference.Result<float[]> offloaded = ji.inference(-3.0);
            inferences++;
            hard++;
            assertThat(offloaded.isHard()).isTrue();
            assertThat(offloaded.edgeResult()).isEqualTo(EDGE_UNSURE);
            assertThat(offloaded.cloudResult()).containsExactly(0f, -3f);
            assertThat(offloaded.finalResult()).containsExactly(0f, -3f);
            assertThat(offloaded.usedFallback()).isFalse();
            assertThat(cloud.served()).isEqualTo(1);

            cloud.close();
            for (int i = 0; i < 5; i++) {
                JointInference.Result<float[]> r = ji.inference(-2.0);
                inferences++;
                hard++;
                assertThat(r.isHard()).isTrue();
                assertThat(r.usedFallback()).isTrue();
                assertThat(r.cloudResult()).isNull();
                assertThat(r.finalResult()).isEqualTo(EDGE_UNSURE);
            }
            assertThat(ji.statistics().cloudFallbacks()).isEqualTo(5);
            assertThat(client.state()).isEqualTo(CloudClient.State.OPEN);
            assertThat(client.shortCircuited()).isEqualTo(3); // after two failed calls nothing leaves the edge
            assertThat(ji.inference(2.0).finalResult()).isEqualTo(EDGE_SURE);
            inferences++;

            cloud = cloud(port); // the cloud comes back on its port
            JointInference.Result<float[]> back = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline) {
                back = ji.inference(-4.0);
                inferences++;
                hard++;
                if (!back.usedFallback()) {
                    break;
                }
                fallbacks++;
                Thread.sleep(50);
            }
            assertThat(back.cloudResult()).containsExactly(0f, -4f);
            assertThat(back.finalResult()).containsExactly(0f, -4f);
            assertThat(client.state()).isEqualTo(CloudClient.State.CLOSED);

            Statistics.Snapshot s = ji.statistics().snapshot();
            assertThat(s.inferenceNumber()).isEqualTo(inferences); // once each, hard or not
            assertThat(s.hardExampleNumber()).isEqualTo(hard);
            assertThat(s.uploadCloudRatio()).isEqualTo((double) hard / inferences);
            assertThat(s.cloudFallbacks()).isEqualTo(fallbacks);
            assertThat(s.edgeLatencyP50Ms()).isNotNaN();
            assertThat(s.cloudLatencyP99Ms()).isNotNaN();

            // the LC hears the same numbers
            int expected = inferences;
            JsonNode last = awaitReport(r -> r.path("ownerInfo").path("inferenceNumber").asInt() == expected);
            assertThat(last.path("name").asText()).isEqualTo("edgeworker-1");
            assertThat(last.path("ownerName").asText()).isEqualTo("helmet");
            assertThat(last.path("ownerKind").asText()).isEqualTo("jointinferenceservice");
            assertThat(last.path("kind").asText()).isEqualTo("inference");
            assertThat(last.path("ownerInfo").path("hardExampleNumber").asInt()).isEqualTo(hard);
            assertThat(last.path("ownerInfo").path("cloudFallbacks").asLong()).isEqualTo(s.cloudFallbacks());
            assertThat(last.path("ownerInfo").has("uploadCloudRatio")).isTrue();
            assertThat(last.path("ownerInfo").has("edgeLatencyP99Ms")).isTrue();
        } finally {
            cloud.close();
        }
    }

    @Test
    void miningThenInferenceSendsHardInputsStraightToTheCloud() {
        BigModelService<Double, float[]> cloud = cloud(0);
        try {
            WorkerContext c = context(cloud.port(), Map.of("HEM_NAME", "CloudOnly", "HEM_PARAMETERS", "",
                    "MINING_MODE", "mining-then-inference"));
            try (JointInference<Double, float[]> ji = JointInference.builder(EDGE).context(c).noReports()
                    .cloud(client(c)).build()) {
                assertThat(ji.mode()).isEqualTo(JointInference.Mode.MINING_THEN_INFERENCE);
                assertThat(ji.hardExampleMining()).isInstanceOf(CloudOnly.class);
                JointInference.Result<float[]> r = ji.inference(5.0);
                assertThat(r.isHard()).isTrue();
                assertThat(r.edgeResult()).isNull(); // the edge never ran
                assertThat(r.finalResult()).containsExactly(0f, 5f); // the result itself, not {"result": …}
                cloud.close();
                JointInference.Result<float[]> fallback = ji.inference(5.0);
                assertThat(fallback.usedFallback()).isTrue();
                assertThat(fallback.finalResult()).isEqualTo(EDGE_SURE);
                assertThat(ji.statistics().snapshot().inferenceNumber()).isEqualTo(2);
            }
        } finally {
            cloud.close();
        }
    }

    @Test
    void aMiningModeTheAlgorithmCannotServeIsRefusedAtConstruction() {
        WorkerContext ibt = context(5000, Map.of("HEM_NAME", "IBT", "HEM_PARAMETERS", "",
                "MINING_MODE", "mining-then-inference"));
        assertThatThrownBy(() -> JointInference.builder(EDGE).context(ibt).noReports().cloud(client(ibt)).build())
                .isInstanceOf(LibException.class)
                .hasMessageContaining("\"IBT\" judges inference results")
                .hasMessageContaining("Random, EdgeOnly, CloudOnly");
        // an input judge of the caller's own makes the mode usable with any algorithm
        try (JointInference<Double, float[]> ji = JointInference.builder(EDGE).context(ibt).noReports()
                .cloud(client(ibt)).inputJudge(x -> false).build()) {
            assertThat(ji.inference(1.0).finalResult()).isEqualTo(EDGE_SURE);
        }
        WorkerContext typo = context(5000, Map.of("MINING_MODE", "inference-than-mining"));
        assertThatThrownBy(() -> JointInference.builder(EDGE).context(typo).noReports().cloud(client(typo)).build())
                .hasMessageContaining("MINING_MODE=\"inference-than-mining\"")
                .hasMessageContaining("did you mean \"inference-then-mining\"");
    }

    @Test
    void latencyPercentilesAreNearestRank() {
        Statistics s = new Statistics();
        for (int ms = 100; ms >= 1; ms--) {
            s.edgeLatency(TimeUnit.MILLISECONDS.toNanos(ms));
        }
        s.record(true, false);
        s.record(false, false);
        Statistics.Snapshot snap = s.snapshot();
        assertThat(snap.edgeLatencyP50Ms()).isEqualTo(50.0);
        assertThat(snap.edgeLatencyP99Ms()).isEqualTo(99.0);
        assertThat(snap.cloudLatencyP50Ms()).isNaN();
        assertThat(snap.uploadCloudRatio()).isEqualTo(0.5);
        JsonNode info = snap.toOwnerInfo(java.time.Instant.now());
        assertThat(info.has("cloudLatencyP50Ms")).isFalse();
        assertThat(info.path("edgeLatencyP99Ms").asDouble()).isEqualTo(99.0);
        assertThat(info.path("inferenceNumber").asInt()).isEqualTo(2);
    }

    private JsonNode awaitReport(java.util.function.Predicate<JsonNode> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            for (JsonNode r : reports) {
                if (wanted.test(r)) {
                    return r;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no matching report; the LC got " + reports);
    }
}
