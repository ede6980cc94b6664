package io.sedna4j.lib.federated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedna4j.lib.LibException;
import io.sedna4j.lib.WorkerContext;
import io.sedna4j.lib.estimator.Estimator;
import io.sedna4j.lib.estimator.Example;
import io.sedna4j.lib.estimator.NamedTensors;
import io.sedna4j.lib.tensor.Safetensors;
import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A federated learning client around any {@link Estimator} with weights, Sedna's {@code FederatedLearning}: it
 * connects to the aggregation server, takes the global model of each round, trains on its own data when the round's
 * cohort lists it (with FedProx's {@code mu}, clipping and noise as the server says), sends its update (masked, under
 * secure aggregation) and evaluates every new global model, until the server says {@code exit_flag=ok}. The data
 * never leaves the client; only weights do.
 */
public final class FederatedLearning<I> {
    private static final Logger LOG = LoggerFactory.getLogger(FederatedLearning.class);
    private static final Object CLOSED = new Object();

    /** What a client reports after each global model it receives. */
    public record Progress(int round, int exitRound, boolean trainedNext, long totalSamples,
                           Map<String, Double> training, Map<String, Double> evaluation, List<String> rejections) {
    }

    /**
     * @param server         e.g. {@code ws://127.0.0.1:7363/FedAvg}
     * @param clientId       the worker name
     * @param token          the job's token, or null
     * @param connectTimeout how long to keep trying to reach the server (it may start after the client)
     */
    public record Settings(URI server, String clientId, String token, Duration connectTimeout) {
        /** Sedna's environment: AGG_IP, AGG_PORT, aggregation_algorithm (the path), WORKER_NAME, AGG_TOKEN. */
        public static Settings fromContext(WorkerContext ctx) {
            String path = ctx.parameter("aggregation_algorithm", FedAvg.NAME);
            return new Settings(URI.create("ws://" + ctx.aggIp() + ":" + ctx.aggPort() + "/" + path),
                    ctx.workerName(), ctx.parameter("AGG_TOKEN", null),
                    ctx.secondsParameter("CONNECT_TIMEOUT", Duration.ofSeconds(300)));
        }
    }

    private final Estimator<I, ?> estimator;
    private final Settings settings;
    private final Random noise;
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final List<String> rejections = new ArrayList<>();
    private PairwiseMasks masks;
    private Map<String, String> cohort = Map.of();
    private int trainedRound;
    private int evaluatedRound;

    public FederatedLearning(Estimator<I, ?> estimator, Settings settings, Random noise) {
        this.estimator = estimator;
        this.settings = settings;
        this.noise = noise;
    }

    public FederatedLearning(Estimator<I, ?> estimator, Settings settings) {
        this(estimator, settings, new SecureRandom());
    }

    /**
     * Takes part until the last round; returns the number of rounds the server ran. The estimator then holds the
     * final global model.
     *
     * @param hyperparameters passed to {@link Estimator#train} (epochs, batch_size, …); the server's {@code mu}
     *                        is added
     * @param evaluate        metrics of the estimator's current weights, e.g. accuracy on a test set; may be null
     * @param progress        called after each global model is received and evaluated
     */
    public int train(List<Example<I>> data, Map<String, String> hyperparameters,
                     Function<Estimator<I, ?>, Map<String, Double>> evaluate,
                     java.util.function.Consumer<Progress> progress) throws InterruptedException {
        WebSocket ws = connect();
        try {
            masks = new PairwiseMasks(settings.clientId());
            send(ws, Protocol.json(Protocol.message(Protocol.SUBSCRIBE).put("client_id", settings.clientId())
                    .put("public_key", masks.publicKey())));
            Map<String, Double> lastTraining = Map.of();
            while (true) {
                Object m = inbox.poll(6, TimeUnit.HOURS);
                if (m == null || m == CLOSED) {
                    throw new LibException("client " + settings.clientId() + ": the aggregation server at "
                            + settings.server() + " closed the connection before the last round; fix: see the"
                            + " aggregation worker's log (the client restarts and joins again)");
                }
                if (m instanceof String text) {
                    handleText(ws, Protocol.parse(text, "the aggregation server"));
                    continue;
                }
                byte[] bytes = (byte[]) m;
                Map<String, String> meta = Safetensors.metadata(bytes, "the global model from " + settings.server());
                NamedTensors global = Safetensors.read(bytes, "the global model from " + settings.server());
                if (!global.tensors().isEmpty()) {
                    estimator.setWeights(global);
                }
                int completed = Integer.parseInt(meta.getOrDefault("round_number", "0"));
                int next = Integer.parseInt(meta.getOrDefault("next_round", "0"));
                boolean exit = Protocol.EXIT_OK.equals(meta.get("exit_flag"));
                cohort = Protocol.strings(meta.get("cohort"));
                Map<String, String> parameters = Protocol.strings(meta.get("parameters"));
                boolean fresh = completed > evaluatedRound; // a restarted round resends the same model
                evaluatedRound = Math.max(evaluatedRound, completed);
                Map<String, Double> evaluation = evaluate == null || !fresh || completed == 0 ? Map.of()
                        : evaluate.apply(estimator);
                if (!evaluation.isEmpty()) {
                    ObjectNode metrics = Protocol.message(Protocol.METRICS).put("client_id", settings.clientId())
                            .put("round_number", completed);
                    ObjectNode values = metrics.putObject("metrics");
                    evaluation.forEach(values::put);
                    send(ws, Protocol.json(metrics));
                }
                boolean selected = !exit && next > trainedRound && cohort.containsKey(settings.clientId());
                if (progress != null) {
                    progress.accept(new Progress(completed, Integer.parseInt(meta.getOrDefault("exit_round", "0")),
                            selected, Long.parseLong(meta.getOrDefault("total_sample", "0")), lastTraining,
                            evaluation, List.copyOf(rejections)));
                }
                if (exit) {
                    ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
                    return completed;
                }
                if (selected) {
                    lastTraining = trainAndSend(ws, data, hyperparameters, parameters, global, next);
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new LibException("client " + settings.clientId() + ": lost the aggregation server at "
                    + settings.server() + " (" + e.getMessage() + "); fix: see the aggregation worker's log", e);
        } finally {
            ws.abort();
        }
    }

    private Map<String, Double> trainAndSend(WebSocket ws, List<Example<I>> data, Map<String, String> hyperparameters,
                                             Map<String, String> parameters, NamedTensors global, int round)
            throws ExecutionException, InterruptedException, TimeoutException {
        NamedTensors start = global.tensors().isEmpty() ? estimator.weights() : global;
        Map<String, String> hp = new LinkedHashMap<>(hyperparameters);
        if (parameters.containsKey("mu")) {
            hp.put("mu", parameters.get("mu"));
        }
        Map<String, Double> metrics = estimator.train(data, List.of(), hp);
        NamedTensors trained = DifferentialPrivacy.from(parameters).apply(start, estimator.weights(), cohort.size(),
                noise);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("type", Protocol.UPDATE_WEIGHT);
        meta.put("client_id", settings.clientId());
        meta.put("round_number", String.valueOf(round));
        meta.put("num_samples", String.valueOf(data.size()));
        meta.put("metrics", Protocol.json(metrics));
        byte[] message;
        if (Boolean.parseBoolean(parameters.getOrDefault("secure", "false"))) {
            Map<String, long[]> encoded = FixedPoint.encode(trained, data.size(), settings.clientId());
            masks.mask(encoded, cohort, round);
            Map<String, long[]> shapes = new LinkedHashMap<>();
            trained.tensors().forEach((n, t) -> shapes.put(n, t.shape()));
            message = new MaskedTensors(encoded, shapes, meta).write();
        } else {
            message = Safetensors.write(trained, meta);
        }
        trainedRound = round;
        sendBinary(ws, message);
        LOG.info("client {}: sent round {} ({} samples, {})", settings.clientId(), round, data.size(), metrics);
        return metrics;
    }

    private void handleText(WebSocket ws, JsonNode m) throws ExecutionException, InterruptedException,
            TimeoutException {
        switch (m.path("type").asText()) {
            case Protocol.REJECTED -> {
                String reason = m.path("reason").asText();
                LOG.warn(reason);
                rejections.add(reason);
                if (m.path("round_number").asInt() == 0 && trainedRound == 0 && reason.contains("public_key")) {
                    throw new LibException(reason);
                }
            }
            case Protocol.UNMASK -> {
                int round = m.path("round_number").asInt();
                ObjectNode answer = Protocol.message(Protocol.SEEDS).put("client_id", settings.clientId())
                        .put("round_number", round);
                ObjectNode seeds = answer.putObject("seeds");
                for (JsonNode d : m.path("dropped")) {
                    String peer = d.asText();
                    if (cohort.containsKey(peer)) {
                        seeds.put(peer, Base64.getEncoder().encodeToString(
                                masks.seed(peer, cohort.get(peer), round)));
                    }
                }
                send(ws, Protocol.json(answer));
            }
            default -> LOG.debug("message {} ignored", m.path("type").asText());
        }
    }

    private WebSocket connect() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        long deadline = System.nanoTime() + settings.connectTimeout().toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
                if (settings.token() != null) {
                    b.header(Protocol.AUTHORIZATION, "Bearer " + settings.token());
                }
                return b.buildAsync(settings.server(), new Listener()).get(15, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof java.net.http.WebSocketHandshakeException h) {
                    throw new LibException("client " + settings.clientId() + ": the aggregation server at "
                            + settings.server() + " refused the connection (HTTP " + h.getResponse().statusCode()
                            + " " + h.getResponse().body() + "); fix: give the client the job's token in AGG_TOKEN");
                }
                last = cause instanceof ConnectException ? "connection refused" : String.valueOf(cause);
            } catch (TimeoutException e) {
                last = "timed out";
            }
            Thread.sleep(1000);
        }
        throw new LibException("client " + settings.clientId() + ": cannot reach the aggregation server at "
                + settings.server() + " within " + settings.connectTimeout().toSeconds() + " s (" + last
                + "); fix: check AGG_IP and AGG_PORT and that the aggregation worker runs");
    }

    private void send(WebSocket ws, String text) throws ExecutionException, InterruptedException, TimeoutException {
        synchronized (ws) {
            ws.sendText(text, true).get(60, TimeUnit.SECONDS);
        }
    }

    private void sendBinary(WebSocket ws, byte[] bytes) throws ExecutionException, InterruptedException,
            TimeoutException {
        synchronized (ws) {
            ws.sendBinary(ByteBuffer.wrap(bytes), true).get(5, TimeUnit.MINUTES);
        }
    }

    /** Collects whole messages (the JDK delivers large ones in parts) into the inbox. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                inbox.add(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                inbox.add(binary.toByteArray());
                binary.reset();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            inbox.add(CLOSED);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            inbox.add(CLOSED);
        }
    }
}
