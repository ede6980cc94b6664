package io.sedna4j.lib.jointinference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.lib.LibException;
import io.sedna4j.lib.WorkerContext;
import io.sedna4j.lib.estimator.Estimator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cloud side of joint inference: serves a big model to edge workers over HTTP, Sedna's REST API.
 *
 * <ul>
 *   <li>{@code POST /{service}/predict} runs one prediction.
 *     <ul>
 *       <li>Request with {@code Content-Type: application/json}: Sedna's {@code {"data": <input>}} (other keys, such
 *         as Sedna's {@code callback}, are ignored). With a JSON input codec {@code data} is the input's JSON; with a
 *         binary codec it is the input's bytes in base64.</li>
 *       <li>Request with any other content type: the body is the input codec's bytes (images as JPEG, not
 *         Sedna's nested lists).</li>
 *       <li>Response: with a JSON output codec {@code {"result": <result>}} as {@code application/json}; with a
 *         binary one the codec's bytes under its content type.</li>
 *       <li>Errors: 400 for an input that does not decode, 413 for a body over the limit, 500 when the model
 *         fails, each with {@code {"error": "…"}}.</li>
 *     </ul></li>
 *   <li>{@code GET /{service}} answers the status: {@code {"service","status":"ok","served","infos":[{path,name}]}}
 *     ({@code infos} is Sedna's route list).</li>
 * </ul>
 *
 * {@code service} is the owner's name (SERVICE_NAME); the same routes also answer under {@code /sedna}, the path
 * Sedna's Python edge workers use (their JOB_NAME defaults to "sedna"). Requests run on a fixed pool of threads;
 * an estimator that is not {@link Estimator#isThreadSafe() thread-safe} runs one prediction at a time.
 */
public final class BigModelService<I, O> implements AutoCloseable {
    static {
        // the JDK's server leaves Nagle's algorithm on, and each answer then waits ~40 ms for a delayed ACK
        // (docs/benchmarks.md); read once, when the first HttpServer of the JVM starts
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final Logger log = LoggerFactory.getLogger(BigModelService.class);
    private static final ObjectMapper JSON = ResourceCodec.json();
    private static final String SEDNA_PATH = "sedna";

    private final Estimator<I, O> estimator;
    private final Codec<I> input;
    private final Codec<O> output;
    private final String service;
    private final int maxBody;
    private final HttpServer server;
    private final ExecutorService pool;
    private final Object serial = new Object();
    private final AtomicLong served = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    private BigModelService(Builder<I, O> b) {
        this.estimator = b.estimator;
        this.input = b.input;
        this.output = b.output;
        this.service = b.service;
        this.maxBody = b.maxBody;
        try {
            server = HttpServer.create(new InetSocketAddress(b.host, b.port), 128);
        } catch (IOException e) {
            throw new LibException("the big model service cannot listen on " + b.host + ":" + b.port + ": "
                    + e.getMessage() + "; fix: stop what uses the port or set BIG_MODEL_BIND_PORT to a free one", e);
        }
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(b.threads, r -> {
            Thread t = new Thread(r, "big-model-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
        log.info("big model service {} serves {} on {}", service, estimator.getClass().getSimpleName(), endpoint());
    }

    public static <I, O> Builder<I, O> builder(Estimator<I, O> estimator, Codec<I> input, Codec<O> output) {
        return new Builder<>(estimator, input, output);
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    public String service() {
        return service;
    }

    /** {@code http://host:port/{service}}, what a {@link CloudClient} takes. */
    public URI endpoint() {
        String host = server.getAddress().getAddress().isAnyLocalAddress() ? "127.0.0.1"
                : server.getAddress().getAddress().getHostAddress();
        return URI.create("http://" + host + ":" + port() + "/" + service);
    }

    /** Predictions answered so far. */
    public long served() {
        return served.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String[] parts = path.replaceAll("^/+|/+$", "").split("/");
            boolean ours = parts.length >= 1 && (parts[0].equals(service) || parts[0].equals(SEDNA_PATH));
            if (ours && parts.length == 1) {
                if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
                    error(ex, 405, ex.getRequestMethod() + " " + path + " is not supported; use GET");
                    return;
                }
                status(ex);
            } else if (ours && parts.length == 2 && parts[1].equals("predict")) {
                if (!ex.getRequestMethod().equals("POST")) {
                    error(ex, 405, ex.getRequestMethod() + " " + path + " is not supported; use POST");
                    return;
                }
                predict(ex);
            } else {
                error(ex, 404, "no route " + path + "; this service answers GET /" + service + " and POST /"
                        + service + "/predict");
            }
        } catch (IOException e) {
            log.debug("client went away: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.error("big model service: unexpected failure on {}", ex.getRequestURI(), e);
        }
    }

    private void status(HttpExchange ex) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("service", service).put("status", "ok")
                .put("served", served.get());
        body.putArray("infos").add(JSON.createObjectNode().put("path", "/" + service).put("name", "status"))
                .add(JSON.createObjectNode().put("path", "/" + service + "/predict").put("name", "predict"));
        send(ex, 200, "application/json", JSON.writeValueAsBytes(body));
    }

    private void predict(HttpExchange ex) throws IOException {
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readNBytes(maxBody + 1);
        }
        if (body.length > maxBody) {
            error(ex, 413, "the request is over " + maxBody + " bytes; fix: send smaller inputs (JPEG, not lists)");
            return;
        }
        I value;
        try {
            value = decode(body, ex.getRequestHeaders().getFirst("Content-Type"));
        } catch (RuntimeException e) {
            error(ex, 400, "the input cannot be read: " + e.getMessage());
            return;
        }
        O result;
        try {
            if (estimator.isThreadSafe()) {
                result = estimator.predict(value);
            } else {
                synchronized (serial) {
                    result = estimator.predict(value);
                }
            }
        } catch (RuntimeException e) {
            log.warn("big model service {}: the model failed: {}", service, e.toString());
            error(ex, 500, "the model failed: " + e.getMessage());
            return;
        }
        byte[] bytes;
        String type;
        if (output instanceof JsonCodec<O> json) {
            bytes = JSON.writeValueAsBytes(JSON.createObjectNode().set("result", json.toTree(result)));
            type = "application/json";
        } else if (output.isJson()) {
            bytes = JSON.writeValueAsBytes(JSON.createObjectNode().set("result", JSON.readTree(output.encode(result))));
            type = "application/json";
        } else {
            bytes = output.encode(result);
            type = output.contentType();
        }
        served.incrementAndGet();
        send(ex, 200, type, bytes);
    }

    private I decode(byte[] body, String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json")) {
            return input.decode(body);
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new LibException("the body is not JSON (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject() || !root.has("data")) {
            throw new LibException("the JSON body has no \"data\"; send {\"data\": <input>}");
        }
        JsonNode data = root.get("data");
        if (input instanceof JsonCodec<I> json) {
            return json.fromTree(data);
        }
        if (input.isJson()) {
            try {
                return input.decode(JSON.writeValueAsBytes(data));
            } catch (IOException e) {
                throw new LibException(e.getMessage());
            }
        }
        if (data.isTextual()) {
            return input.decode(Base64.getDecoder().decode(data.asText()));
        }
        throw new LibException("this service takes " + input.contentType() + " inputs: post the bytes with that"
                + " Content-Type, or {\"data\": \"<base64 of the bytes>\"}");
    }

    private static void error(HttpExchange ex, int code, String message) throws IOException {
        // the model's failures are logged where they happen; bad requests are the client's to read
        log.debug("{} {} → {}: {}", ex.getRequestMethod(), ex.getRequestURI().getPath(), code, message);
        send(ex, code, "application/json", JSON.writeValueAsBytes(JSON.createObjectNode().put("error", message)));
    }

    private static void send(HttpExchange ex, int code, String type, byte[] bytes) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(code, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Stops listening; requests in progress get up to a second to finish. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        pool.shutdown();
        try {
            if (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
        log.info("big model service {} stopped", service);
    }

    public static final class Builder<I, O> {
        private final Estimator<I, O> estimator;
        private final Codec<I> input;
        private final Codec<O> output;
        private String service = WorkerContext.DEFAULT_JOB_NAME;
        private String host = "127.0.0.1";
        private int port = WorkerContext.DEFAULT_BIG_MODEL_PORT;
        private int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        private int maxBody = 100 << 20; // Sedna's max_buffer_size

        private Builder(Estimator<I, O> estimator, Codec<I> input, Codec<O> output) {
            this.estimator = Objects.requireNonNull(estimator, "estimator");
            this.input = Objects.requireNonNull(input, "input codec");
            this.output = Objects.requireNonNull(output, "output codec");
        }

        /** Service name (owner), listen address and port from the environment: BIG_MODEL_BIND_IP/_PORT. */
        public Builder<I, O> context(WorkerContext context) {
            this.service = context.ownerName();
            this.host = context.bigModelBindIp();
            this.port = context.bigModelBindPort();
            return this;
        }

        /** The first path segment: {@code /{service}/predict}. */
        public Builder<I, O> service(String service) {
            if (service == null || service.isBlank() || service.contains("/")) {
                throw new LibException("service name \"" + service + "\" cannot be a path segment; fix: use the"
                        + " JointInferenceService's name");
            }
            this.service = service;
            return this;
        }

        public Builder<I, O> host(String host) {
            this.host = host;
            return this;
        }

        /** 0 picks a free port. */
        public Builder<I, O> port(int port) {
            this.port = port;
            return this;
        }

        /** Request threads (default: the number of processors, at least 2). */
        public Builder<I, O> threads(int threads) {
            this.threads = Math.max(1, threads);
            return this;
        }

        public Builder<I, O> maxBodyBytes(int maxBody) {
            this.maxBody = maxBody;
            return this;
        }

        /** Starts serving. */
        public BigModelService<I, O> start() {
            return new BigModelService<>(this);
        }
    }
}
