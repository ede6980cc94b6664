package io.sedna4j.workers.federated;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.backend.pytorch.TorchClassifier;
import io.sedna4j.lib.LcClient;
import io.sedna4j.lib.LibException;
import io.sedna4j.lib.WorkerContext;
import io.sedna4j.lib.dataset.Partitions;
import io.sedna4j.lib.estimator.Example;
import io.sedna4j.lib.federated.FederatedLearning;
import io.sedna4j.workers.WorkerRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code sedna4j/federated-learning-train}: a trainer of a FederatedLearningJob. Trains a small CNN (PyTorch through
 * DJL) on its part of Fashion-MNIST ({@code fashion_mnist_dir}, default the Debian package's): the samples whose
 * numbers the Dataset's index file (TRAIN_DATASET_URL, one number per line) lists, or, without one, the part the
 * environment chooses: {@code client_index} (default: the number ending WORKER_NAME, {@code <job>-train-<i>}),
 * {@code client_count} (PARTICIPANTS_COUNT), {@code partition} (iid or dirichlet), {@code alpha} (0.5),
 * {@code partition_seed} (42). {@code train_samples} / {@code test_samples} cap the sets (all). The network and
 * hyperparameters are {@link FashionMnist}'s; {@code epochs}, {@code batch_size}, {@code learning_rate},
 * {@code optimizer} override them; PyTorch runs {@code num_threads} threads (1: trainers often share cores). Evaluates every global model
 * on the test set, reports each round to its Local Controller and saves the final model under MODEL_URL in a
 * directory named after the worker.
 */
public final class TrainingWorker {
    private static final String THREADS = "ai.djl.pytorch.num_threads";

    private TrainingWorker() {
    }

    public static void main(String[] args) {
        WorkerRuntime.run("federated-learning-train", () -> {
            WorkerContext ctx = WorkerContext.fromEnv();
            if (System.getProperty(THREADS) == null) {
                System.setProperty(THREADS, ctx.parameter("num_threads", "1")); // before the first model
            }
            Path index = ctx.trainDatasetUrl().map(Path::of).filter(Files::isRegularFile).orElse(null);
            Path dir = ctx.parameter("fashion_mnist_dir").map(Path::of).orElse(FashionMnist.DEFAULT_DIR);
            List<Example<float[]>> all = first(FashionMnist.train(dir), ctx.intParameter("train_samples", 0));
            List<Example<float[]>> train = index != null ? select(all, index) : part(ctx, all);
            List<Example<float[]>> test = first(FashionMnist.test(dir), ctx.intParameter("test_samples", 0));
            Map<String, String> hyper = new LinkedHashMap<>(FashionMnist.hyperparameters());
            for (String key : List.of("epochs", "batch_size", "learning_rate", "optimizer", "momentum")) {
                ctx.parameter(key).ifPresent(v -> hyper.put(key, v));
            }
            LcClient lc = LcClient.of(ctx);
            try (TorchClassifier model = new TorchClassifier(FashionMnist.architecture(), TorchClassifier.DEFAULT_SEED)) {
                System.out.println("federated-learning-train: " + ctx.workerName() + " trains on " + train.size()
                        + " examples, tests on " + test.size());
                FederatedLearning<float[]> fl = new FederatedLearning<>(model, FederatedLearning.Settings.fromContext(ctx));
                int rounds = fl.train(train, hyper, e -> e.evaluate(test), p -> {
                    if (p.round() == 0) {
                        return;
                    }
                    ObjectNode info = ResourceCodec.json().createObjectNode().put("currentRound", p.round())
                            .put("sampleCount", p.totalSamples());
                    p.evaluation().forEach((k, v) -> info.put("test_" + k, v));
                    lc.post(ctx.workerInfo(AggregationWorker.OWNER_KIND, "train", "running", info, null));
                    System.out.printf(Locale.ROOT, "federated-learning-train: round %d/%d test accuracy %.4f%n",
                            p.round(), p.exitRound(), p.evaluation().getOrDefault("accuracy", Double.NaN));
                });
                Path saved = ctx.modelUrl().map(u -> Path.of(u).resolve(ctx.workerName())).orElse(null);
                if (saved != null) {
                    model.save(saved);
                }
                lc.post(ctx.workerInfo(AggregationWorker.OWNER_KIND, "train", "completed",
                        ResourceCodec.json().createObjectNode().put("currentRound", rounds), saved == null ? null
                                : ResourceCodec.json().createArrayNode().add(ResourceCodec.json().createObjectNode()
                                .put("format", "pt").put("url", saved.toString()))));
                System.out.println("federated-learning-train: done after " + rounds + " rounds; model " + saved);
            }
        });
    }

    /** This client's part of the training set. */
    static List<Example<float[]>> part(WorkerContext ctx, List<Example<float[]>> all) {
        int count = ctx.intParameter("client_count", ctx.participantsCount());
        int index = ctx.intParameter("client_index", indexFromName(ctx.workerName()));
        if (index < 0 || index >= count) {
            throw new LibException("client_index " + index + " is not below client_count " + count + "; fix: number"
                    + " the trainers 0 to " + (count - 1) + " (client_index) or set client_count");
        }
        long seed = ctx.intParameter("partition_seed", 42);
        String partition = ctx.parameter("partition", "iid").toLowerCase(Locale.ROOT);
        List<List<Example<float[]>>> parts = switch (partition) {
            case "iid" -> Partitions.iid(all, count, seed);
            case "dirichlet" -> Partitions.dirichlet(all, count, ctx.doubleParameter("alpha", 0.5), seed);
            default -> throw new LibException("partition is \"" + partition + "\"; fix: use iid or dirichlet");
        };
        return parts.get(index);
    }

    private static List<Example<float[]>> first(List<Example<float[]>> examples, int limit) {
        return limit > 0 && limit < examples.size() ? examples.subList(0, limit) : examples;
    }

    /** The examples whose numbers {@code index} lists, one per line (the Dataset's index file). */
    static List<Example<float[]>> select(List<Example<float[]>> all, Path index) throws IOException {
        List<Example<float[]>> out = new ArrayList<>();
        int line = 0;
        for (String text : Files.readAllLines(index)) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            int i;
            try {
                i = Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                i = -1;
            }
            if (i < 0 || i >= all.size()) {
                throw new LibException(index + ":" + line + ": \"" + text.trim() + "\" is not a sample number from 0 to "
                        + (all.size() - 1) + "; fix: list one Fashion-MNIST training sample number per line");
            }
            out.add(all.get(i));
        }
        return out;
    }

    private static int indexFromName(String worker) {
        String digits = worker.replaceAll("^.*?(\\d+)$", "$1");
        return digits.equals(worker) && !worker.matches("\\d+") ? 0 : Integer.parseInt(digits);
    }
}
