package io.sedna4j.backend.pytorch;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import io.sedna4j.lib.LibException;
import io.sedna4j.lib.estimator.Estimator;
import io.sedna4j.lib.estimator.Example;
import io.sedna4j.lib.estimator.NamedTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small classifier trained with PyTorch (through DJL) on the CPU: an {@link Architecture#mlp MLP} over feature
 * vectors or a {@link Architecture#cnn CNN} over small images such as Fashion-MNIST. Inputs are one example's values
 * in row-major order ({@link Architecture#inputSize()} of them); predictions are class probabilities (softmax).
 *
 * <p><b>Federated learning.</b> {@link #weights()} and {@link #setWeights} exchange the parameters as named float32
 * tensors in the block's parameter order, named by DJL's parameter paths ({@code 01Conv2d_weight}, …). With
 * hyperparameter {@code mu > 0}, {@link #train} adds FedProx's proximal term {@code mu/2 · Σ‖w − w₀‖²}, where
 * {@code w₀} is a snapshot of the weights taken when {@code train} starts, i.e. the global model the aggregator just
 * sent through {@link #setWeights}: it keeps a client's update near the global model when clients' data differ.
 *
 * <p><b>Repeatability.</b> The seed fixes the initial weights (PyTorch's global generator, seeded when the network is
 * built) and the order examples are visited in, so equal seeds and data give equal models.
 *
 * <p><b>Threads.</b> Calls on one classifier run one at a time. Training is one at a time per JVM: DJL's PyTorch
 * engine allows a single gradient collector per process, and the seed is process-wide.
 *
 * <p><b>Files.</b> {@link #save} writes a directory with {@code architecture.json} and DJL's
 * {@code classifier-0000.params}; {@link #load} reads one back.
 */
public final class TorchClassifier implements Estimator<float[], float[]> {
    public static final int DEFAULT_SEED = 42;
    private static final Logger LOG = LoggerFactory.getLogger(TorchClassifier.class);
    private static final String NAME = "classifier";
    private static final Object PROCESS_WIDE = new Object();
    private static final int PREDICT_CHUNK = 256;

    private final int seed;
    private Architecture architecture;
    private Model model;
    private String source = "(not built)";
    private int rounds;

    /** A freshly initialised network of this architecture. */
    public TorchClassifier(Architecture architecture, int seed) {
        this.seed = seed;
        this.architecture = architecture;
        this.model = newModel(architecture, seed);
        this.source = "(" + architecture + ")";
    }

    public TorchClassifier(Architecture architecture) {
        this(architecture, DEFAULT_SEED);
    }

    /** An empty classifier; {@link #load} gives it a network. */
    public TorchClassifier() {
        this.seed = DEFAULT_SEED;
    }

    /** The classifier saved in {@code directory}. */
    public static TorchClassifier open(Path directory) {
        TorchClassifier classifier = new TorchClassifier();
        classifier.load(directory);
        return classifier;
    }

    public synchronized Architecture architecture() {
        requireModel();
        return architecture;
    }

    /** Reads a directory written by {@link #save}: rebuilds the network from its architecture and loads the weights. */
    @Override
    public synchronized void load(Path directory) {
        if (directory == null || !Files.isDirectory(directory)) {
            throw new LibException("PyTorch model directory " + directory + " does not exist or is not a directory; "
                    + "fix: point to the directory TorchClassifier.save wrote (architecture.json and "
                    + "classifier-0000.params)");
        }
        Architecture loaded = Architecture.read(directory);
        Model fresh = Model.newInstance(NAME, Device.cpu(), TorchRuntime.engine().getEngineName());
        try {
            fresh.setBlock(Networks.build(loaded));
            fresh.load(directory, NAME);
            checkFits(fresh, loaded, directory);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            fresh.close();
            throw e instanceof LibException lib ? lib : new LibException("could not load the weights in " + directory
                    + " (" + e.getMessage() + "); fix: point to a directory written by TorchClassifier.save, whose "
                    + "classifier-NNNN.params matches its architecture.json", e);
        }
        close();
        model = fresh;
        architecture = loaded;
        source = directory.toString();
        LOG.info("Loaded PyTorch classifier {} from {}", loaded, directory);
    }

    /** Writes {@code architecture.json} and {@code classifier-0000.params} into the directory {@code target}. */
    @Override
    public synchronized List<Path> save(Path target) {
        requireModel();
        try {
            Files.createDirectories(target);
            model.setProperty("Epoch", "0"); // a fixed file name: saving twice overwrites, not classifier-0001
            model.save(target, NAME);
            architecture.write(target);
            return List.of(target.resolve(Architecture.FILE), target.resolve(NAME + "-0000.params"));
        } catch (IOException e) {
            throw new LibException("could not save the PyTorch classifier to " + target + ": " + e
                    + "; fix: check that the directory is writable and has space", e);
        }
    }

    @Override
    public float[] predict(float[] input) {
        return predict(Collections.singletonList(input)).get(0);
    }

    /** Class probabilities for each input, in batches. */
    @Override
    public synchronized List<float[]> predict(List<float[]> inputs) {
        requireModel();
        for (int i = 0; i < inputs.size(); i++) {
            checkInput(inputs.get(i), "input " + i);
        }
        List<float[]> out = new ArrayList<>(inputs.size());
        withoutGradients(() -> {
            for (int from = 0; from < inputs.size(); from += PREDICT_CHUNK) {
                List<float[]> chunk = inputs.subList(from, Math.min(inputs.size(), from + PREDICT_CHUNK));
                try (NDManager batch = model.getNDManager().newSubManager()) {
                    float[] probabilities = logits(batch, chunk, false).softmax(-1).toFloatArray();
                    int classes = architecture.classes();
                    for (int i = 0; i < chunk.size(); i++) {
                        float[] row = new float[classes];
                        System.arraycopy(probabilities, i * classes, row, 0, classes);
                        out.add(row);
                    }
                }
            }
            return null;
        });
        return out;
    }

    /**
     * Trains and returns the last epoch's {@code loss} (mean cross-entropy, without the proximal term) and
     * {@code accuracy} on the training examples, {@code val_loss} and {@code val_accuracy} when validation examples
     * are given, {@code proximal_term} when {@code mu > 0}, {@code epochs} and {@code samples}.
     *
     * @param parameters see {@link TrainingParameters}: epochs, batch_size, learning_rate, optimizer (adam|sgd),
     *                   momentum, mu (FedProx), seed
     */
    @Override
    public synchronized Map<String, Double> train(List<Example<float[]>> train, List<Example<float[]>> validation,
                                                  Map<String, String> parameters) {
        requireModel();
        if (train.isEmpty()) {
            throw new LibException("no training examples for PyTorch classifier " + source
                    + "; fix: give at least one labelled example");
        }
        checkExamples(train, "training example");
        validation = validation == null ? List.of() : validation;
        checkExamples(validation, "validation example");
        TrainingParameters p = TrainingParameters.from(parameters);
        Random order = new Random(p.seed() != null ? p.seed() : seed + 7919L * rounds++);
        long start = System.nanoTime();
        Map<String, Double> metrics = new LinkedHashMap<>();
        synchronized (PROCESS_WIDE) {
            try (TrainingRun run = new TrainingRun(TorchRuntime.engine(), model, architecture, p)) {
                List<Example<float[]>> shuffled = new ArrayList<>(train);
                for (int epoch = 0; epoch < p.epochs(); epoch++) {
                    Collections.shuffle(shuffled, order);
                    double[] sums = run.epoch(shuffled, p.batchSize());
                    metrics.put("loss", sums[0] / train.size());
                    metrics.put("accuracy", sums[1] / train.size());
                    if (p.mu() > 0) {
                        metrics.put("proximal_term", sums[2] / train.size());
                    }
                    LOG.debug("Epoch {}/{}: {}", epoch + 1, p.epochs(), metrics);
                }
            }
        }
        if (!validation.isEmpty()) {
            Map<String, Double> scores = evaluate(validation);
            metrics.put("val_loss", scores.get("loss"));
            metrics.put("val_accuracy", scores.get("accuracy"));
        }
        metrics.put("epochs", (double) p.epochs());
        metrics.put("samples", (double) train.size());
        LOG.info("Trained {} on {} examples, {} epochs in {} ms: {}", architecture, train.size(), p.epochs(),
                (System.nanoTime() - start) / 1_000_000, metrics);
        return metrics;
    }

    /** {@code accuracy}, {@code loss} (mean cross-entropy) and {@code samples}. */
    @Override
    public synchronized Map<String, Double> evaluate(List<Example<float[]>> data) {
        requireModel();
        if (data.isEmpty()) {
            throw new LibException("no examples to evaluate PyTorch classifier " + source + " on; fix: give at "
                    + "least one labelled example");
        }
        checkExamples(data, "example");
        double[] sums = new double[2];
        withoutGradients(() -> {
            Loss loss = Loss.softmaxCrossEntropyLoss();
            for (int from = 0; from < data.size(); from += PREDICT_CHUNK) {
                List<Example<float[]>> chunk = data.subList(from, Math.min(data.size(), from + PREDICT_CHUNK));
                try (NDManager scope = model.getNDManager().newSubManager()) {
                    NDArray logits = logits(scope, chunk.stream().map(Example::input).toList(), false);
                    NDArray labels = Networks.labels(scope, chunk);
                    sums[0] += loss.evaluate(new NDList(labels), new NDList(logits)).getFloat() * chunk.size();
                    sums[1] += Networks.correct(logits, labels);
                }
            }
            return null;
        });
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", sums[1] / data.size());
        metrics.put("loss", sums[0] / data.size());
        metrics.put("samples", (double) data.size());
        return metrics;
    }

    @Override
    public synchronized NamedTensors weights() {
        requireModel();
        return Weights.read(model.getBlock());
    }

    @Override
    public synchronized void setWeights(NamedTensors weights) {
        requireModel();
        Weights.write(model.getBlock(), weights, source);
    }

    @Override
    public synchronized void close() {
        if (model != null) {
            model.close();
            model = null;
        }
    }

    /** Arrays the network's manager holds: its parameters, and nothing that piles up round after round. */
    synchronized int liveArrays() {
        requireModel();
        return model.getNDManager().getManagedArrays().size();
    }

    private NDArray logits(NDManager scope, List<float[]> inputs, boolean training) {
        NDArray x = Networks.inputs(scope, architecture, inputs);
        return model.getBlock().forward(new ParameterStore(scope, false), new NDList(x), training).singletonOrThrow();
    }

    private void checkExamples(List<Example<float[]>> examples, String what) {
        for (int i = 0; i < examples.size(); i++) {
            Example<float[]> example = examples.get(i);
            checkInput(example.input(), what + " " + i);
            if (example.label() < 0 || example.label() >= architecture.classes()) {
                throw new LibException(what + " " + i + " has label " + example.label() + ", but classifier " + source
                        + " has " + architecture.classes() + " classes (0 to " + (architecture.classes() - 1)
                        + "); fix: map the labels to class indices, or build the network with more classes");
            }
        }
    }

    private void checkInput(float[] input, String what) {
        if (input == null || input.length != architecture.inputSize()) {
            throw new LibException(what + " has " + (input == null ? "no" : input.length) + " values, but classifier "
                    + source + " takes " + architecture.inputSize() + " (shape "
                    + Arrays.toString(architecture.inputShape()) + ", row-major); fix: resize or flatten "
                    + "the input to that shape");
        }
    }

    private void requireModel() {
        if (model == null) {
            throw new LibException("this PyTorch classifier has no network; fix: construct it with an Architecture or "
                    + "call load(directory) first");
        }
    }

    /** Inference need not record autograd graphs (PyTorch's grad mode is per thread and on by default). */
    private static <T> T withoutGradients(Supplier<T> work) {
        boolean was = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return work.get();
        } finally {
            JniUtils.setGradMode(was);
        }
    }

    /** A network of this architecture with weights drawn from PyTorch's generator, seeded first. */
    private static Model newModel(Architecture architecture, int seed) {
        synchronized (PROCESS_WIDE) {
            TorchRuntime.engine().setRandomSeed(seed);
            Model model = Model.newInstance(NAME, Device.cpu(), TorchRuntime.engine().getEngineName());
            model.setBlock(Networks.build(architecture));
            model.getBlock().initialize(model.getNDManager(), DataType.FLOAT32, Networks.batchShape(architecture, 1));
            return model;
        }
    }

    /** DJL loads whatever shapes the file holds; they must be the ones the architecture gives its layers. */
    private static void checkFits(Model model, Architecture architecture, Path directory) {
        Map<String, long[]> expected = Networks.parameterShapes(architecture);
        for (Pair<String, Parameter> entry : model.getBlock().getParameters()) {
            long[] loaded = entry.getValue().getArray().getShape().getShape();
            long[] wanted = expected.get(entry.getKey());
            if (!Arrays.equals(loaded, wanted)) {
                throw new LibException("the weights in " + directory + " do not fit its architecture.json ("
                        + architecture + "): tensor " + entry.getKey() + " is " + Arrays.toString(loaded)
                        + " in the .params file but " + Arrays.toString(wanted) + " for that architecture; fix: "
                        + "save the model again with TorchClassifier.save");
            }
        }
    }
}
