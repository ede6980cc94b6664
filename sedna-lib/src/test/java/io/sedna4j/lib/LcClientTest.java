package io.sedna4j.lib;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpServer;
import io.sedna4j.api.link.WorkerInfo;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LcClientTest {
    private HttpServer lc;
    private final AtomicInteger posts = new AtomicInteger();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    /** Status codes to answer, in turn; 200 once they run out. */
    private volatile int[] answers = {};

    @BeforeEach
    void startLc() throws Exception {
        lc = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        lc.createContext("/", ex -> {
            int n = posts.getAndIncrement();
            paths.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath());
            bodies.add(new ObjectMapper().readTree(ex.getRequestBody()));
            int code = n < answers.length ? answers[n] : 200;
            byte[] body = ("{\"Status\":" + code + ",\"Message\":\"" + (code == 200 ? "OK" : "no") + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(code, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        lc.start();
    }

    @AfterEach
    void stopLc() {
        lc.stop(0);
    }

    private LcClient client() {
        return new LcClient(URI.create("http://127.0.0.1:" + lc.getAddress().getPort()), 3, Duration.ofMillis(20),
                Duration.ofSeconds(2));
    }

    private static WorkerInfo info() {
        WorkerContext c = WorkerContext.fromEnv(Map.of("WORKER_NAME", "edgeworker-abc", "NAMESPACE", "team-a",
                "SERVICE_NAME", "helmet"));
        return c.workerInfo("jointinferenceservice", "inference", "running",
                JsonNodeFactory.instance.objectNode().put("inferenceNumber", 3), null);
    }

    @Test
    void postsSednasPayloadToTheWorkerPath() {
        assertThat(client().post(info())).isTrue();
        assertThat(paths).containsExactly("POST /sedna/workers/edgeworker-abc/info");
        JsonNode body = bodies.get(0);
        assertThat(body.path("name").asText()).isEqualTo("edgeworker-abc");
        assertThat(body.path("namespace").asText()).isEqualTo("team-a");
        assertThat(body.path("ownerName").asText()).isEqualTo("helmet");
        assertThat(body.path("ownerKind").asText()).isEqualTo("jointinferenceservice");
        assertThat(body.path("kind").asText()).isEqualTo("inference");
        assertThat(body.path("ownerInfo").path("inferenceNumber").asInt()).isEqualTo(3);
        assertThat(body.has("results")).isFalse();
    }

    @Test
    void retriesWhileTheLcFailsAndStopsWhenItRefuses() {
        answers = new int[] {503, 500};
        assertThat(client().post(info())).isTrue();
        assertThat(posts).hasValue(3);

        posts.set(0);
        answers = new int[] {400};
        assertThat(client().post(info())).isFalse();
        assertThat(posts).hasValue(1); // a refused report is not sent again
    }

    @Test
    void anUnreachableLcIsLoggedNotThrown() {
        int port = lc.getAddress().getPort();
        lc.stop(0);
        long t0 = System.nanoTime();
        LcClient gone = new LcClient(URI.create("http://127.0.0.1:" + port), 3, Duration.ofMillis(10),
                Duration.ofSeconds(1));
        assertThat(gone.post(info())).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    }
}
