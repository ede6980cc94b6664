package io.sedna4j.backend.onnx;

import ai.onnxruntime.OrtException;
import io.sedna4j.lib.LibException;
import io.sedna4j.lib.estimator.Estimator;
import io.sedna4j.lib.estimator.Example;
import io.sedna4j.lib.estimator.NamedTensors;
import io.sedna4j.lib.estimator.NamedTensors.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Any {@code .onnx} model a user brings (YOLOX, OSNet, …) served by ONNX Runtime on the CPU: named float32 tensors
 * in, named tensors out.
 *
 * <p><b>Threads.</b> One ONNX Runtime session serves every thread: {@code predict} may be called concurrently (ONNX
 * Runtime's {@code run} is thread-safe, and {@link OnnxOptions#intraOpThreads()} sizes the pool each run uses).
 * {@link #load} and {@link #close} wait for running predictions, then swap or free the session.
 *
 * <p><b>Training.</b> ONNX Runtime's training API is absent from its Maven builds, so {@link #train}, {@link #weights}
 * and {@link #setWeights} throw a {@link LibException} pointing to the PyTorch backend.
 */
public final class OnnxEstimator implements Estimator<NamedTensors, NamedTensors> {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxEstimator.class);
    private static final String NO_TRAINING = " ONNX Runtime from Maven Central cannot train (its training API is "
            + "not in that build); fix: train with the PyTorch backend (sedna-backend-pytorch, TorchClassifier) and "
            + "serve the result there, or use this ONNX model for inference only";

    private final OnnxOptions options;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final AtomicLong runs = new AtomicLong();
    private LoadedModel model;

    /** An estimator with no model yet; call {@link #load}. */
    public OnnxEstimator(OnnxOptions options) {
        this.options = options;
    }

    public OnnxEstimator() {
        this(OnnxOptions.defaults());
    }

    /** Loads {@code model} with the given options. */
    public static OnnxEstimator open(Path model, OnnxOptions options) {
        OnnxEstimator estimator = new OnnxEstimator(options);
        estimator.load(model);
        return estimator;
    }

    public static OnnxEstimator open(Path model) {
        return open(model, OnnxOptions.defaults());
    }

    /**
     * For a model with one input and one output, e.g. an OSNet feature extractor: {@code float[]} in, {@code float[]}
     * out.
     *
     * @param inputShape the input's shape for one prediction, e.g. {@code 1, 3, 256, 128}; empty to take the model's
     *                   own, with a dynamic first dimension read as 1
     */
    public static SingleTensorEstimator forSingleInput(Path model, OnnxOptions options, long... inputShape) {
        OnnxEstimator onnx = open(model, options);
        try {
            return new SingleTensorEstimator(onnx, inputShape);
        } catch (RuntimeException e) {
            onnx.close();
            throw e;
        }
    }

    public OnnxOptions options() {
        return options;
    }

    /**
     * Loads an {@code .onnx} file, or the only {@code .onnx} file in a directory, replacing the model loaded before.
     */
    @Override
    public void load(Path path) {
        Path file = modelFile(path);
        long start = System.nanoTime();
        LoadedModel loaded = LoadedModel.open(file, options);
        LoadedModel previous;
        lock.writeLock().lock();
        try {
            previous = model;
            model = loaded;
        } finally {
            lock.writeLock().unlock();
        }
        if (previous != null) {
            previous.close();
        }
        LOG.info("Loaded ONNX model {} in {} ms; inputs: {}; outputs: {}", file, (System.nanoTime() - start) / 1_000_000,
                Feeds.describe(loaded.inputs), Feeds.describe(loaded.outputs));
    }

    /** The model's inputs as it declares them: names, element types, shapes with dynamic dimensions. */
    public List<TensorSpec> inputs() {
        return read(m -> m.inputs);
    }

    /** The model's outputs as it declares them. */
    public List<TensorSpec> outputs() {
        return read(m -> m.outputs);
    }

    /** The loaded model file. */
    public Path modelFile() {
        return read(m -> m.file);
    }

    /**
     * Copies the model file to {@code target} when that names an {@code .onnx} file, else into the directory
     * {@code target} (created if needed) under its own name. Only the {@code .onnx} file is copied: a model whose
     * weights sit in separate external-data files needs those copied too.
     */
    @Override
    public List<Path> save(Path target) {
        Path source = modelFile();
        boolean isFile = target.getFileName() != null && target.getFileName().toString().endsWith(".onnx")
                && !Files.isDirectory(target);
        Path destination = isFile ? target : target.resolve(source.getFileName());
        try {
            if (destination.getParent() != null) {
                Files.createDirectories(destination.getParent());
            }
            if (!Files.exists(destination) || !Files.isSameFile(source, destination)) {
                Files.copy(source, destination, StandardCopyOption.REPLACE_EXISTING);
            }
            return List.of(destination);
        } catch (IOException e) {
            throw new LibException("could not copy ONNX model " + source + " to " + destination + ": " + e
                    + "; fix: check that the target directory is writable and has space", e);
        }
    }

    @Override
    public boolean isThreadSafe() {
        return true; // ONNX Runtime sessions run concurrently; load and close wait behind the read lock
    }

    @Override
    public NamedTensors predict(NamedTensors input) {
        return read(m -> run(m, Feeds.check(input, m, "")));
    }

    /**
     * Predictions for several inputs: stacked along the first dimension into runs of up to
     * {@link OnnxOptions#maxBatch()} when the model's inputs and outputs all have a dynamic first dimension and the
     * inputs agree on the others; one run each otherwise. Results come back in input order with their own batch size.
     */
    @Override
    public List<NamedTensors> predict(List<NamedTensors> inputs) {
        return read(m -> {
            List<Map<String, Tensor>> feeds = new ArrayList<>(inputs.size());
            for (int i = 0; i < inputs.size(); i++) {
                feeds.add(Feeds.check(inputs.get(i), m, "example " + i + ": "));
            }
            List<NamedTensors> results = new ArrayList<>(inputs.size());
            for (int from = 0; from < feeds.size(); from += options.maxBatch()) {
                results.addAll(runChunk(m, feeds.subList(from, Math.min(feeds.size(), from + options.maxBatch()))));
            }
            return results;
        });
    }

    private List<NamedTensors> runChunk(LoadedModel m, List<Map<String, Tensor>> feeds) {
        if (Feeds.stackable(feeds, m)) {
            List<NamedTensors> split = Feeds.split(run(m, Feeds.stack(feeds)), Feeds.rows(feeds));
            if (split != null) {
                return split;
            }
            // the graph mixes rows after all (e.g. reduces over the batch): stacking would change the answers
            LOG.debug("Outputs of {} are not batched along dimension 0; running {} inputs one by one", m.file,
                    feeds.size());
        }
        List<NamedTensors> results = new ArrayList<>(feeds.size());
        for (Map<String, Tensor> feed : feeds) {
            results.add(run(m, feed));
        }
        return results;
    }

    private NamedTensors run(LoadedModel m, Map<String, Tensor> feed) {
        try {
            runs.incrementAndGet();
            return m.run(feed);
        } catch (OrtException e) {
            throw new LibException("ONNX Runtime failed to run model " + m.file + " on inputs " + shapes(feed) + ": "
                    + e.getMessage() + "; fix: check the input sizes against the model's inputs "
                    + Feeds.describe(m.inputs), e);
        }
    }

    /**
     * Accuracy of a classifier: the arg-max of each prediction's first output against the example's label.
     * Returns {@code accuracy} and {@code samples}.
     */
    @Override
    public Map<String, Double> evaluate(List<Example<NamedTensors>> data) {
        if (data.isEmpty()) {
            throw new LibException("no examples to evaluate ONNX model " + modelFile() + " on; fix: give at least one");
        }
        List<NamedTensors> predictions = predict(data.stream().map(Example::input).toList());
        int correct = 0;
        for (int i = 0; i < data.size(); i++) {
            float[] scores = predictions.get(i).tensors().values().iterator().next().values();
            int best = 0;
            for (int k = 1; k < scores.length; k++) {
                best = scores[k] > scores[best] ? k : best;
            }
            correct += best == data.get(i).label() ? 1 : 0;
        }
        return Map.of("accuracy", (double) correct / data.size(), "samples", (double) data.size());
    }

    @Override
    public Map<String, Double> train(List<Example<NamedTensors>> train, List<Example<NamedTensors>> validation,
                                     Map<String, String> parameters) {
        throw new LibException("cannot train ONNX model " + describeFile() + ":" + NO_TRAINING);
    }

    @Override
    public NamedTensors weights() {
        throw new LibException("cannot read the weights of ONNX model " + describeFile() + " for federated learning:"
                + NO_TRAINING);
    }

    @Override
    public void setWeights(NamedTensors weights) {
        throw new LibException("cannot set the weights of ONNX model " + describeFile() + ":" + NO_TRAINING);
    }

    /** Waits for running predictions, then frees the session. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (model != null) {
                model.close();
                model = null;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** How many times the session ran: a stacked batch counts once. */
    long runCount() {
        return runs.get();
    }

    private <T> T read(java.util.function.Function<LoadedModel, T> action) {
        lock.readLock().lock();
        try {
            if (model == null) {
                throw new LibException("no ONNX model is loaded in this estimator; fix: call load(path) with an "
                        + ".onnx file first");
            }
            return action.apply(model);
        } finally {
            lock.readLock().unlock();
        }
    }

    private String describeFile() {
        lock.readLock().lock();
        try {
            return model == null ? "(none loaded)" : model.file.toString();
        } finally {
            lock.readLock().unlock();
        }
    }

    private static String shapes(Map<String, Tensor> feed) {
        StringBuilder text = new StringBuilder();
        feed.forEach((name, t) -> text.append(text.length() == 0 ? "" : ", ").append(name).append(' ')
                .append(TensorSpec.shapeText(t.shape())));
        return text.toString();
    }

    /** The file to load: {@code path} itself, or the only {@code .onnx} file in the directory {@code path}. */
    private static Path modelFile(Path path) {
        if (path == null || !Files.exists(path)) {
            throw new LibException("ONNX model file " + path + " does not exist; fix: check the model URL or path "
                    + "(MODEL_URL for a worker) and that the download finished");
        }
        if (!Files.isDirectory(path)) {
            if (!Files.isReadable(path)) {
                throw new LibException("ONNX model file " + path + " is not readable; fix: grant read permission");
            }
            return path;
        }
        try (Stream<Path> files = Files.list(path)) {
            List<Path> models = files.filter(f -> f.getFileName().toString().endsWith(".onnx")).sorted().toList();
            if (models.size() != 1) {
                throw new LibException("directory " + path + " holds " + models.size() + " .onnx files "
                        + models.stream().map(f -> f.getFileName().toString()).toList()
                        + "; fix: point to the model file itself, or keep exactly one .onnx file in the directory");
            }
            return models.get(0);
        } catch (IOException e) {
            throw new LibException("could not list model directory " + path + ": " + e + "; fix: check permissions", e);
        }
    }
}
