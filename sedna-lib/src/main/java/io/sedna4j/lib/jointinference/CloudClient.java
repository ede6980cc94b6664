package io.sedna4j.lib.jointinference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.lib.LibException;
import io.sedna4j.lib.WorkerContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge's way to the {@link BigModelService}: Sedna's {@code ModelClient} with a timeout, retries with backoff
 * and a circuit breaker. After {@code failuresToOpen} calls in a row fail, the circuit opens and calls return empty at
 * once for {@code openFor}; then one call probes the cloud (the others still return empty); its success closes the
 * circuit, its failure opens it again. Every failure returns {@link Optional#empty()}, so the caller falls back to its
 * own result; nothing here throws for a missing cloud. A 4xx answer (the cloud refused this input) is logged and
 * returned empty without retrying or counting against the cloud.
 */
public final class CloudClient<I, O> {
    private static final Logger log = LoggerFactory.getLogger(CloudClient.class);
    private static final ObjectMapper JSON = ResourceCodec.json();

    /** The circuit's state. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final URI endpoint;
    private final URI predict;
    private final Codec<I> input;
    private final Codec<O> output;
    private final Duration timeout;
    private final int retries;
    private final Duration backoff;
    private final int failuresToOpen;
    private final Duration openFor;
    private final HttpClient http;

    private final Object circuit = new Object();
    private State state = State.CLOSED;
    private int failures;
    private long openUntil;
    private final AtomicLong shortCircuited = new AtomicLong();

    private CloudClient(Builder<I, O> b) {
        this.endpoint = b.endpoint;
        String base = b.endpoint.toString().replaceAll("/+$", "");
        this.predict = URI.create(base + "/predict");
        this.input = b.input;
        this.output = b.output;
        this.timeout = b.timeout;
        this.retries = b.retries;
        this.backoff = b.backoff;
        this.failuresToOpen = b.failuresToOpen;
        this.openFor = b.openFor;
        this.http = HttpClient.newBuilder().connectTimeout(b.timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** A client of {@code endpoint}, {@code http://host:port/{service}}. */
    public static <I, O> Builder<I, O> builder(URI endpoint, Codec<I> input, Codec<O> output) {
        return new Builder<>(endpoint, input, output);
    }

    /** A client of the cloud worker the environment names: BIG_MODEL_IP, BIG_MODEL_PORT, the owner's name. */
    public static <I, O> Builder<I, O> builder(WorkerContext context, Codec<I> input, Codec<O> output) {
        return new Builder<>(URI.create("http://" + hostForUri(context.bigModelIp()) + ":" + context.bigModelPort()
                + "/" + context.ownerName()), input, output);
    }

    private static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    public URI endpoint() {
        return endpoint;
    }

    public State state() {
        synchronized (circuit) {
            if (state == State.OPEN && System.nanoTime() - openUntil >= 0) {
                return State.HALF_OPEN; // the next call probes
            }
            return state;
        }
    }

    /** Calls answered empty at once because the circuit was open. */
    public long shortCircuited() {
        return shortCircuited.get();
    }

    /** The cloud's result for {@code value}, or empty when the cloud did not answer (the caller falls back). */
    public Optional<O> predict(I value) {
        boolean probe;
        synchronized (circuit) {
            if (state == State.OPEN && System.nanoTime() - openUntil >= 0) {
                state = State.HALF_OPEN;
                probe = true;
            } else if (state != State.CLOSED) {
                shortCircuited.incrementAndGet();
                return Optional.empty();
            } else {
                probe = false;
            }
        }
        HttpRequest request;
        try {
            request = request(value);
        } catch (RuntimeException e) {
            log.warn("cannot encode the input for the cloud: {}", e.getMessage());
            release(probe, true);
            return Optional.empty();
        }
        String last = "";
        int attempts = probe ? 1 : retries + 1; // a probe tells whether the cloud is back; one try says that
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                int code = response.statusCode();
                if (code == 200) {
                    O result = decode(response);
                    release(probe, true);
                    return Optional.of(result);
                }
                last = "HTTP " + code + " " + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
                if (code / 100 == 4) {
                    log.warn("the cloud at {} refused the input: {}", predict, last);
                    release(probe, true); // it answered: the cloud is up
                    return Optional.empty();
                }
            } catch (IOException | RuntimeException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                release(probe, false);
                return Optional.empty();
            }
            if (attempt < attempts && !sleep(backoff.multipliedBy(1L << Math.min(attempt - 1, 10)))) {
                release(probe, false);
                return Optional.empty();
            }
        }
        log.debug("the cloud at {} did not answer after {} tries: {}", predict, attempts, last);
        release(probe, false);
        return Optional.empty();
    }

    /** Whether the cloud answers its status route now (one try, no circuit). */
    public boolean isServing() {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(endpoint).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void release(boolean probe, boolean ok) {
        synchronized (circuit) {
            if (ok) {
                if (state != State.CLOSED) {
                    log.info("the cloud at {} answers again; offloading resumes", endpoint);
                }
                state = State.CLOSED;
                failures = 0;
                return;
            }
            failures++;
            if (probe || state == State.HALF_OPEN || failures >= failuresToOpen) {
                if (state == State.CLOSED) {
                    log.warn("the cloud at {} failed {} calls in a row; answering on the edge for {} ms before"
                            + " trying again", endpoint, failures, openFor.toMillis());
                }
                state = State.OPEN;
                openUntil = System.nanoTime() + openFor.toNanos();
            }
        }
    }

    private HttpRequest request(I value) throws LibException {
        HttpRequest.Builder b = HttpRequest.newBuilder(predict).timeout(timeout);
        byte[] body;
        if (input instanceof JsonCodec<I> json) {
            body = encodeEnvelope(JSON.createObjectNode().set("data", json.toTree(value)));
            b.header("Content-Type", "application/json");
        } else if (input.isJson()) {
            try {
                body = encodeEnvelope(JSON.createObjectNode().set("data", JSON.readTree(input.encode(value))));
            } catch (IOException e) {
                throw new LibException("the input codec's bytes are not JSON: " + e.getMessage());
            }
            b.header("Content-Type", "application/json");
        } else {
            body = input.encode(value);
            b.header("Content-Type", input.contentType());
        }
        return b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private static byte[] encodeEnvelope(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new LibException("cannot write the request: " + e.getMessage());
        }
    }

    /** JSON answers carry {@code {"result": …}}; any other content type is the output codec's bytes. */
    private O decode(HttpResponse<byte[]> response) throws IOException {
        String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json")) {
            return output.decode(response.body());
        }
        JsonNode root = JSON.readTree(response.body());
        JsonNode result = root == null ? null : root.get("result");
        if (result == null) {
            throw new IOException("the cloud's answer has no \"result\"");
        }
        if (output instanceof JsonCodec<O> json) {
            return json.fromTree(result);
        }
        if (output.isJson()) {
            return output.decode(JSON.writeValueAsBytes(result));
        }
        if (result.isTextual()) {
            return output.decode(Base64.getDecoder().decode(result.asText()));
        }
        throw new IOException("the cloud answered JSON, but results here are " + output.contentType());
    }

    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public static final class Builder<I, O> {
        private final URI endpoint;
        private final Codec<I> input;
        private final Codec<O> output;
        private Duration timeout = Duration.ofSeconds(10);
        private int retries = 2;
        private Duration backoff = Duration.ofMillis(200);
        private int failuresToOpen = 3;
        private Duration openFor = Duration.ofSeconds(10);

        private Builder(URI endpoint, Codec<I> input, Codec<O> output) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            this.input = Objects.requireNonNull(input, "input codec");
            this.output = Objects.requireNonNull(output, "output codec");
        }

        /** Per try, from connecting to the answer's headers (default 10 s). */
        public Builder<I, O> timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** Tries after the first (default 2). */
        public Builder<I, O> retries(int retries) {
            this.retries = Math.max(0, retries);
            return this;
        }

        /** Wait before the first retry, doubled for each next (default 200 ms). */
        public Builder<I, O> backoff(Duration backoff) {
            this.backoff = backoff;
            return this;
        }

        /**
         * The circuit: open after {@code failures} failed calls in a row (default 3), for {@code openFor} (default
         * 10 s), then probe.
         */
        public Builder<I, O> circuit(int failures, Duration openFor) {
            this.failuresToOpen = Math.max(1, failures);
            this.openFor = openFor;
            return this;
        }

        public CloudClient<I, O> build() {
            return new CloudClient<>(this);
        }
    }
}
