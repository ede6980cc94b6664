package io.sedna4j.lib.jointinference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sedna4j.lib.FunctionEstimator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BigModelServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(URI uri, String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eightConcurrentClientsAreAllAnsweredCorrectly() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        // not thread-safe: the service must run one prediction at a time, and still answer everyone
        FunctionEstimator<Double, Double> square = new FunctionEstimator<>(x -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return x * x + 1;
        }, false);
        try (BigModelService<Double, Double> service = BigModelService.builder(square, Codec.json(Double.class),
                Codec.json(Double.class)).service("squares").port(0).threads(8).start()) {
            CloudClient<Double, Double> client = CloudClient.builder(service.endpoint(), Codec.json(Double.class),
                    Codec.json(Double.class)).build();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<List<String>>> clients = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                int id = c;
                clients.add(pool.submit(() -> {
                    List<String> wrong = new ArrayList<>();
                    for (int i = 0; i < 25; i++) {
                        double x = id * 100 + i;
                        Optional<Double> y = client.predict(x);
                        if (y.isEmpty() || y.get() != x * x + 1) {
                            wrong.add(x + " -> " + y);
                        }
                    }
                    return wrong;
                }));
            }
            for (Future<List<String>> f : clients) {
                assertThat(f.get(20, TimeUnit.SECONDS)).isEmpty();
            }
            pool.shutdown();
            assertThat(service.served()).isEqualTo(200);
            assertThat(mostAtOnce).hasValue(1);
        }
    }

    @Test
    void speaksSednasJsonEnvelopeAndAnswersStatus() throws Exception {
        try (BigModelService<double[], double[]> service = BigModelService.builder(
                new FunctionEstimator<double[], double[]>(v -> new double[] {v[0] + v[1]}),
                Codec.json(double[].class), Codec.json(double[].class)).service("helmet").port(0).start()) {
            URI base = URI.create("http://127.0.0.1:" + service.port());
            HttpResponse<String> r = post(base.resolve("/helmet/predict"), "application/json",
                    "{\"data\":[1.5,2],\"callback\":\"ignored\"}");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(r.body()).path("result").toString()).isEqualTo("[3.5]");
            // the path Sedna's Python edge workers use
            assertThat(post(base.resolve("/sedna/predict"), "application/json", "{\"data\":[1,1]}").body())
                    .isEqualTo("{\"result\":[2.0]}");

            JsonNode status = JSON.readTree(get(base.resolve("/helmet")).body());
            assertThat(status.path("status").asText()).isEqualTo("ok");
            assertThat(status.path("served").asInt()).isEqualTo(2);
            assertThat(status.path("infos").toString()).contains("/helmet/predict");

            HttpResponse<String> noData = post(base.resolve("/helmet/predict"), "application/json", "{\"x\":1}");
            assertThat(noData.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(noData.body()).path("error").asText()).contains("no \"data\"");
            assertThat(post(base.resolve("/helmet/predict"), "application/json", "{\"data\":\"text\"}").statusCode())
                    .isEqualTo(400);
            assertThat(post(base.resolve("/helmet/predict"), "application/json", "{broken").statusCode())
                    .isEqualTo(400);
            assertThat(get(base.resolve("/elsewhere")).statusCode()).isEqualTo(404);
            assertThat(get(base.resolve("/helmet/predict")).statusCode()).isEqualTo(405);
        }
    }

    @Test
    void binaryInputsTravelAsRawBytes() throws Exception {
        FunctionEstimator<byte[], byte[]> reverse = new FunctionEstimator<>(b -> {
            byte[] r = new byte[b.length];
            for (int i = 0; i < b.length; i++) {
                r[i] = b[b.length - 1 - i];
            }
            return r;
        });
        try (BigModelService<byte[], byte[]> service = BigModelService.builder(reverse, Codec.bytes("image/jpeg"),
                Codec.bytes()).service("images").port(0).start()) {
            CloudClient<byte[], byte[]> client = CloudClient.builder(service.endpoint(), Codec.bytes("image/jpeg"),
                    Codec.bytes()).build();
            assertThat(client.predict(new byte[] {1, 2, 3, (byte) 0xff})).hasValueSatisfying(
                    b -> assertThat(b).containsExactly((byte) 0xff, 3, 2, 1));
            assertThat(client.isServing()).isTrue();

            // a JSON client may send the bytes as base64 in Sedna's envelope
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(service.endpoint().resolve("/images/predict"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"data\":\"" + Base64.getEncoder().encodeToString(new byte[] {9, 8}) + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.headers().firstValue("Content-Type")).contains("application/octet-stream");
            assertThat(r.body()).containsExactly(8, 9);
        }
    }

    @Test
    void aFailingModelIsA500AndTheClientFallsBackWithoutRetryStorms() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        FunctionEstimator<Double, Double> broken = new FunctionEstimator<>(x -> {
            calls.incrementAndGet();
            throw new IllegalStateException("out of memory on the GPU");
        });
        try (BigModelService<Double, Double> service = BigModelService.builder(broken, Codec.json(Double.class),
                Codec.json(Double.class)).port(0).start()) {
            HttpResponse<String> r = post(service.endpoint().resolve("/sedna/predict"), "application/json",
                    "{\"data\":1}");
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(r.body()).contains("out of memory on the GPU");

            CloudClient<Double, Double> client = CloudClient.builder(service.endpoint(), Codec.json(Double.class),
                    Codec.json(Double.class)).retries(1).backoff(Duration.ofMillis(1))
                    .circuit(2, Duration.ofSeconds(30)).build();
            calls.set(0);
            for (int i = 0; i < 10; i++) {
                assertThat(client.predict(1.0)).isEmpty();
            }
            // two calls of two tries opened the circuit; the other eight never left the edge
            assertThat(calls).hasValue(4);
            assertThat(client.shortCircuited()).isEqualTo(8);
            assertThat(client.state()).isEqualTo(CloudClient.State.OPEN);
        }
    }
}
