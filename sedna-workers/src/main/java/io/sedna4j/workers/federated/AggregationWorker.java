package io.sedna4j.workers.federated;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.lib.LcClient;
import io.sedna4j.lib.LibException;
import io.sedna4j.lib.WorkerContext;
import io.sedna4j.lib.estimator.NamedTensors;
import io.sedna4j.lib.federated.Aggregation;
import io.sedna4j.lib.federated.AggregationServer;
import io.sedna4j.lib.federated.Aggregator;
import io.sedna4j.lib.federated.RoundSummary;
import io.sedna4j.lib.tensor.Safetensors;
import io.sedna4j.workers.WorkerRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code sedna4j/federated-learning-aggregation}: the aggregation worker of a FederatedLearningJob. Serves the
 * aggregation protocol on AGG_BIND_IP:AGG_BIND_PORT with the algorithm of {@code aggregation_algorithm} (FedAvg,
 * FedProx; {@code secure_aggregation}, {@code clip_norm}, {@code noise_multiplier}, {@code mu} as its parameters),
 * for {@code exit_round} rounds of PARTICIPANTS_COUNT clients; a round closes at {@code round_timeout_seconds} (600)
 * with at least {@code quorum} updates (a majority by default). Starts from PRETRAINED_MODEL_URL when it is a
 * {@code .safetensors} file. Reports every round to its Local Controller, writes {@code rounds.json} and
 * {@code rounds.csv} to {@code output_dir} (default {@code output/<job>}), saves the final model as
 * {@code model.safetensors} under MODEL_URL, and exits 0.
 */
public final class AggregationWorker {
    static final String OWNER_KIND = "federatedlearningjob";

    private AggregationWorker() {
    }

    public static void main(String[] args) {
        WorkerRuntime.run("federated-learning-aggregation", () -> {
            WorkerContext ctx = WorkerContext.fromEnv();
            Aggregation algorithm = Aggregation.fromContext(ctx);
            int participants = ctx.intParameter("participants_count", ctx.participantsCount());
            Aggregator.Settings settings = new Aggregator.Settings(participants,
                    ctx.intParameter("exit_round", 10), ctx.intParameter("quorum", participants / 2 + 1),
                    ctx.secondsParameter("round_timeout_seconds", Duration.ofMinutes(10)));
            Path out = Path.of(ctx.parameter("output_dir", "output/" + ctx.ownerName()));
            LcClient lc = LcClient.of(ctx);
            ExecutorService reports = Executors.newSingleThreadExecutor(); // no HTTP under the aggregator's lock
            try (AggregationServer server = AggregationServer.start(algorithm, settings, initialModel(ctx),
                    ctx.parameter("AGG_TOKEN", null), ctx.aggBindIp(), ctx.aggBindPort())) {
                System.out.println("federated-learning-aggregation: " + algorithm + " for " + settings.exitRound()
                        + " rounds of " + participants + " clients on port " + server.port());
                server.aggregator().onRound(r -> reports.submit(() -> report(ctx, lc, out,
                        server.aggregator().history())));
                while (!server.awaitFinished(Duration.ofMinutes(1))) {
                    System.out.println("federated-learning-aggregation: round " + server.aggregator().completedRounds()
                            + " of " + settings.exitRound() + " done; clients " + server.aggregator().clients());
                }
                reports.shutdown();
                reports.awaitTermination(1, TimeUnit.MINUTES);
                Path saved = save(ctx, server.aggregator().global());
                lc.post(ctx.workerInfo(OWNER_KIND, "aggregation", "completed",
                        ownerInfo(server.aggregator().history(), settings.exitRound()),
                        saved == null ? null : ResourceCodec.json().createArrayNode().add(ResourceCodec.json()
                                .createObjectNode().put("format", "safetensors").put("url", saved.toString()))));
                System.out.println("federated-learning-aggregation: done after " + settings.exitRound()
                        + " rounds; model " + saved);
            }
        });
    }

    /** PRETRAINED_MODEL_URL as safetensors weights, or none (the clients' own initial weights are used). */
    private static NamedTensors initialModel(WorkerContext ctx) {
        return ctx.parameter("PRETRAINED_MODEL_URL").map(Path::of).map(p -> Files.isDirectory(p)
                ? p.resolve("model.safetensors") : p).filter(Files::isRegularFile).map(Safetensors::read).orElse(null);
    }

    private static Path save(WorkerContext ctx, NamedTensors global) throws IOException {
        if (global == null || ctx.modelUrl().isEmpty()) {
            return null;
        }
        String url = ctx.modelUrl().get();
        Path file = url.endsWith(".safetensors") ? Path.of(url) : Path.of(url).resolve("model.safetensors");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Safetensors.write(global, file);
        return file;
    }

    private static void report(WorkerContext ctx, LcClient lc, Path out, List<RoundSummary> history) {
        ObjectNode info = ownerInfo(history, history.size());
        lc.post(ctx.workerInfo(OWNER_KIND, "aggregation", "running", info, null));
        try {
            RoundFiles.write(out, history);
        } catch (IOException e) {
            throw new LibException("cannot write the round history to " + out + ": " + e.getMessage()
                    + "; fix: make output_dir writable", e);
        }
    }

    /** Sedna's ownerInfo (currentRound, sampleCount) plus who took part and the latest metrics. */
    static ObjectNode ownerInfo(List<RoundSummary> history, int exitRound) {
        ObjectNode info = ResourceCodec.json().createObjectNode();
        if (history.isEmpty()) {
            return info;
        }
        RoundSummary last = history.get(history.size() - 1);
        info.put("currentRound", last.round()).put("exitRound", exitRound).put("sampleCount", last.samples());
        ArrayNode clients = info.putArray("participants");
        last.participants().forEach(clients::add);
        if (!last.dropped().isEmpty()) {
            last.dropped().forEach(info.putArray("dropped")::add);
        }
        if (!last.rejected().isEmpty()) {
            last.rejected().forEach(info.putArray("rejected")::add);
        }
        ObjectNode metrics = info.putObject("metrics");
        List<String> counts = List.of("samples", "epochs", "clients"); // sizes, not metrics
        last.training().forEach((k, v) -> {
            if (!counts.contains(k)) {
                metrics.put("train_" + k, v);
            }
        });
        last.evaluation().forEach((k, v) -> {
            if (!counts.contains(k)) {
                metrics.put("test_" + k, v);
            }
        });
        return info;
    }
}
