package io.sedna4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.sedna4j.api.ApiException;
import io.sedna4j.api.Manifest;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.backend.pytorch.TorchClassifier;
import io.sedna4j.cli.client.GmClient;
import io.sedna4j.lib.dataset.Idx;
import io.sedna4j.lib.dataset.Partitions;
import io.sedna4j.lib.estimator.Example;
import io.sedna4j.workers.federated.FashionMnist;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sedna demo federated-learning}: edges train a CNN on Fashion-MNIST together without sharing their data, in
 * an all-in-one cluster of its own; then the same budget is trained centrally on the union of their data, and the
 * test accuracy per round of both is written as CSV and a PNG chart.
 */
@Command(name = "federated-learning", mixinStandardHelpOptions = true,
        description = {"Federated learning of a small CNN on Fashion-MNIST: each edge node trains on its own part "
                + "of the data, the aggregation worker on node cloud combines their weights (FedAvg) every round. "
                + "Starts its own GM and nodes, shows a progress bar per round, then trains the same budget "
                + "centrally for comparison and writes accuracy.csv and accuracy.png.",
            "Needs the Debian package dataset-fashion-mnist (apt-get install dataset-fashion-mnist)."})
final class FederatedLearningDemo implements Callable<Integer> {
    static final String PER_DATASET = "# ---- per client dataset ----\n";
    static final String PER_TRAINER = "# ---- per client trainer ----\n";
    private static final int MAX_CLIENTS = 16;
    private static final String JOB = "demo-fl";

    @Spec
    CommandSpec spec;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "3",
            description = "Edge nodes, one client each (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "10",
            description = "Aggregation rounds, one local epoch each (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--alpha", paramLabel = "A",
            description = "Non-IID: split each class across clients by Dirichlet(A), e.g. 0.5 (default: IID).")
    Double alpha;

    @Option(names = "--secure", description = "Secure aggregation: the server learns only the sum of the updates.")
    boolean secure;

    @Option(names = "--train-samples", paramLabel = "N", defaultValue = "60000",
            description = "Training samples shared out among the clients (default: all ${DEFAULT-VALUE}).")
    int trainSamples;

    @Option(names = "--test-samples", paramLabel = "N", defaultValue = "10000",
            description = "Test samples each round is evaluated on (default: all ${DEFAULT-VALUE}).")
    int testSamples;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where accuracy.csv, accuracy.png and the round history go (default: "
                    + "<data-dir>/demo/federated-learning/output).")
    Path outDir;

    @Mixin
    DemoDataDir data;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (clients < 1 || clients > MAX_CLIENTS || rounds < 1 || trainSamples < clients * 10 || testSamples < 1) {
            throw new ApiException("--clients " + clients + ", --rounds " + rounds + ", --train-samples " + trainSamples
                    + ", --test-samples " + testSamples + ": give 1 to " + MAX_CLIENTS + " clients, at least 1 round,"
                    + " at least 10 training samples per client and at least 1 test sample");
        }
        if (alpha != null && !(alpha > 0)) {
            throw new ApiException("--alpha " + alpha + " is not above 0; give e.g. 0.5 (skewed) or 100 (nearly IID)");
        }
        Path mnist = FashionMnist.DEFAULT_DIR;
        if (!FashionMnist.present(mnist)) {
            throw new ApiException("Fashion-MNIST is not in " + mnist + "; install it with 'apt-get install "
                    + "dataset-fashion-mnist' and run the demo again");
        }
        Path base = data.base("federated-learning");
        Path output = outDir != null ? outDir.toAbsolutePath().normalize() : base.resolve("output");
        DemoFiles.clean(base.resolve("cluster"));
        DemoFiles.clean(base.resolve("datasets"));
        for (String f : List.of("rounds.json", "rounds.csv", "accuracy.csv", "accuracy.png")) {
            Files.deleteIfExists(output.resolve(f));
        }
        Files.createDirectories(output);
        List<List<Integer>> parts = partition(mnist);
        List<Path> indexes = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Path index = base.resolve("datasets").resolve("client-" + i + ".txt");
            Files.createDirectories(index.getParent());
            Files.write(index, parts.get(i).stream().map(String::valueOf).toList());
            indexes.add(index);
        }
        String manifest = manifest(indexes, base.resolve("model"), output);
        String split = alpha == null ? "IID" : "non-IID (Dirichlet alpha " + alpha + ")";
        out.println("Federated learning of Fashion-MNIST: " + clients + " clients, " + split + ", " + rounds
                + " rounds, " + (secure ? "secure aggregation" : "FedAvg") + "; samples per client "
                + parts.stream().map(p -> String.valueOf(p.size())).toList());
        out.println("Starting a GM and nodes cloud, edge-1.." + "edge-" + clients + " (state in "
                + base.resolve("cluster") + ")");
        out.flush();
        long started = System.nanoTime();
        JsonNode history;
        try (UpCommand.AllInOne cluster = UpCommand.AllInOne.start(base.resolve("cluster"), 0, clients)) {
            GmClient gm = new GmClient(cluster.url(), null);
            for (Resource<?, ?> r : Manifest.parse("federated learning demo", manifest).resourcesOrThrow()) {
                gm.create(r);
            }
            history = await(gm, output, base.resolve("cluster"), out);
            awaitCompletion(gm, base.resolve("cluster"), out);
        }
        Duration federated = Duration.ofNanos(System.nanoTime() - started);
        out.println("Federated training done in " + seconds(federated) + "; training the same budget centrally ("
                + rounds + " epochs on the union of the clients' data) for comparison");
        out.flush();
        long centralStart = System.nanoTime();
        List<Double> central = central(mnist, parts, out);
        Duration centralTime = Duration.ofNanos(System.nanoTime() - centralStart);
        List<Double> fl = new ArrayList<>();
        history.forEach(r -> fl.add(r.path("evaluation").path("accuracy").asDouble(Double.NaN)));
        LineChart chart = new LineChart("Fashion-MNIST test accuracy, " + clients + " clients, " + split,
                "round", "test accuracy", 800, 500)
                .add(LineChart.Series.of((secure ? "federated, secure aggregation" : "federated (FedAvg)"), fl))
                .add(LineChart.Series.of("central, same budget", central));
        chart.writeCsv(output.resolve("accuracy.csv"));
        chart.write(output.resolve("accuracy.png"));
        print(fl, central, federated, centralTime, output, out);
        return 0;
    }

    /** Training sample numbers per client: IID, or Dirichlet(alpha) over each class. */
    private List<List<Integer>> partition(Path mnist) {
        Idx labels = Idx.read(mnist.resolve("train-labels-idx1-ubyte.gz"));
        List<Example<Integer>> all = new ArrayList<>();
        for (int i = 0; i < Math.min(trainSamples, labels.count()); i++) {
            all.add(new Example<>(i, labels.value(i, 0)));
        }
        List<List<Example<Integer>>> parts = alpha == null ? Partitions.iid(all, clients, 42)
                : Partitions.dirichlet(all, clients, alpha, 42);
        return parts.stream().map(p -> p.stream().map(Example::input).toList()).toList();
    }

    String manifest(List<Path> indexes, Path modelDir, Path output) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("CLIENTS", String.valueOf(clients));
        values.put("ROUNDS", String.valueOf(rounds));
        values.put("MODEL_DIR", modelDir.toString());
        values.put("OUTPUT", output.toString());
        values.put("SECURE", String.valueOf(secure));
        values.put("PORT", String.valueOf(freePort()));
        Map<String, String> hp = FashionMnist.hyperparameters();
        values.put("EPOCHS", hp.get("epochs"));
        values.put("BATCH", hp.get("batch_size"));
        values.put("LR", hp.get("learning_rate"));
        values.put("TRAIN_SAMPLES", String.valueOf(trainSamples));
        values.put("TEST_SAMPLES", String.valueOf(testSamples));
        String text = DemoFiles.template("federated-learning.yaml", values);
        for (String marker : List.of(PER_DATASET, PER_TRAINER)) {
            int a = text.indexOf(marker);
            int b = text.indexOf(marker, a + marker.length());
            if (a < 0 || b < 0) {
                throw new IllegalStateException("demo template federated-learning.yaml lacks its two '" + marker.strip()
                        + "' lines");
            }
            String each = text.substring(a + marker.length(), b);
            StringBuilder all = new StringBuilder(text.substring(0, a));
            for (int i = 0; i < clients; i++) {
                all.append(each.replace("${I}", String.valueOf(i)).replace("${NODE}", "edge-" + (i + 1))
                        .replace("${INDEX}", indexes.get(i).toString()));
            }
            text = all.append(text.substring(b + marker.length())).toString();
        }
        return text;
    }

    /** Shows a bar per round until the last round's model is evaluated; a failed worker ends the demo with its log. */
    private JsonNode await(GmClient gm, Path output, Path clusterDir, PrintWriter out) throws Exception {
        Progress progress = new Progress(out, "rounds");
        Path file = output.resolve("rounds.json");
        long lastChange = System.nanoTime();
        int seen = -1;
        while (true) {
            JsonNode history = Files.exists(file) ? ResourceCodec.json().readTree(file.toFile())
                    : ResourceCodec.json().createArrayNode();
            int evaluated = 0;
            for (JsonNode r : history) {
                evaluated += r.path("evaluation").has("accuracy") ? 1 : 0;
            }
            if (evaluated != seen) {
                seen = evaluated;
                lastChange = System.nanoTime();
                progress.update(evaluated, rounds, history.isEmpty() ? "rounds" : String.format(Locale.ROOT,
                        "rounds (test accuracy %.4f)", history.get(history.size() - 1).path("evaluation")
                                .path("accuracy").asDouble()));
            }
            if (evaluated >= rounds) {
                progress.done();
                return history;
            }
            for (JsonNode w : gm.workers("default")) {
                if (w.path("status").path("phase").asText().equals("Failed")) {
                    progress.done();
                    String name = w.path("metadata").path("name").asText();
                    String node = w.path("spec").path("nodeName").asText();
                    throw new ApiException("worker " + name + " on node " + node + " failed: "
                            + w.path("status").path("message").asText() + "; its log:\n" + DemoFiles.tail(
                            clusterDir.resolve("nodes").resolve(node).resolve("workers").resolve(name).resolve("log"),
                            15));
                }
            }
            JsonNode job = gm.get(Kind.FEDERATED_LEARNING_JOB, "default", JOB).orElse(null);
            if (job != null && job.path("status").path("phase").asText().equals("Succeeded") && evaluated < rounds) {
                progress.done();
                throw new ApiException("the job finished but only " + evaluated + " of " + rounds + " rounds were "
                        + "evaluated; see the worker logs under " + clusterDir.resolve("nodes"));
            }
            if (System.nanoTime() - lastChange > Duration.ofMinutes(30).toNanos()) {
                throw new ApiException("no round finished in 30 minutes; see the worker logs under "
                        + clusterDir.resolve("nodes"));
            }
            Thread.sleep(500);
        }
    }

    /** After the last round the workers save the model and exit 0; the job is then Complete. */
    private void awaitCompletion(GmClient gm, Path clusterDir, PrintWriter out) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode job = gm.get(Kind.FEDERATED_LEARNING_JOB, "default", JOB).orElse(null);
            String phase = job == null ? "" : job.path("status").path("phase").asText();
            if (phase.equals("Succeeded")) {
                return;
            }
            if (phase.equals("Failed")) {
                throw new ApiException("the job failed after its last round: " + job.path("status").path("conditions")
                        + "; see the worker logs under " + clusterDir.resolve("nodes"));
            }
            Thread.sleep(500);
        }
        throw new ApiException("the workers did not finish within 3 minutes of the last round; see their logs under "
                + clusterDir.resolve("nodes"));
    }

    /** Test accuracy after each of {@code rounds} epochs on the union of the clients' data, in this process. */
    private List<Double> central(Path mnist, List<List<Integer>> parts, PrintWriter out) throws IOException {
        List<Example<float[]>> all = FashionMnist.train(mnist);
        List<Example<float[]>> train = new ArrayList<>();
        parts.forEach(p -> p.forEach(i -> train.add(all.get(i))));
        List<Example<float[]>> allTest = FashionMnist.test(mnist);
        List<Example<float[]>> test = allTest.subList(0, Math.min(testSamples, allTest.size()));
        List<Double> accuracy = new ArrayList<>();
        Progress progress = new Progress(out, "central epochs");
        try (TorchClassifier model = new TorchClassifier(FashionMnist.architecture(), TorchClassifier.DEFAULT_SEED)) {
            for (int epoch = 0; epoch < rounds; epoch++) {
                model.train(train, List.of(), FashionMnist.hyperparameters());
                accuracy.add(model.evaluate(test).get("accuracy"));
                progress.update(epoch + 1, rounds, String.format(Locale.ROOT, "epochs (test accuracy %.4f)",
                        accuracy.get(epoch)));
            }
        }
        progress.done();
        return accuracy;
    }

    private void print(List<Double> fl, List<Double> central, Duration federated, Duration centralTime, Path output,
                       PrintWriter out) {
        out.println();
        out.println("round  federated  central");
        for (int i = 0; i < fl.size(); i++) {
            out.printf(Locale.ROOT, "%5d  %9.4f  %7.4f%n", i + 1, fl.get(i), i < central.size() ? central.get(i)
                    : Double.NaN);
        }
        out.printf(Locale.ROOT, "final test accuracy   federated %.4f, central %.4f%n", fl.get(fl.size() - 1),
                central.get(central.size() - 1));
        out.println("wall time             federated " + seconds(federated) + " (start-up included), central "
                + seconds(centralTime));
        out.println("accuracy per round    " + output.resolve("accuracy.csv"));
        out.println("chart                 " + output.resolve("accuracy.png"));
        out.println("round history         " + output.resolve("rounds.json"));
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
