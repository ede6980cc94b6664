package io.sedna4j.backend.tfjs;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.estimator.Estimator;
import io.sedna4j.lib.estimator.Example;
import io.sedna4j.lib.estimator.NamedTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sedna's estimator over a TF.js graph model: inference only. A TF.js graph model is a frozen graph (its weights
 * are constants), so training and federated weight exchange belong to the PyTorch backend.
 *
 * <p>{@link #predict} takes input name → tensor and returns every model output. {@link #evaluate} scores a
 * classifier: the argmax of the single output against each example's label.
 */
public final class TfjsEstimator implements Estimator<NamedTensors, NamedTensors> {
    private volatile TfjsGraphModel model;

    public TfjsEstimator() {
    }

    public TfjsEstimator(Path model) {
        load(model);
    }

    @Override
    public synchronized void load(Path path) {
        TfjsGraphModel loaded = TfjsGraphModel.load(path);
        TfjsGraphModel old = model;
        model = loaded;
        if (old != null) {
            old.close();
        }
    }

    /** The loaded model, for its inputs and outputs. */
    public TfjsGraphModel model() {
        TfjsGraphModel m = model;
        if (m == null) {
            throw new LibException("TfjsEstimator has no model loaded; fix: call load(<model.json or its directory>) first");
        }
        return m;
    }

    /** Copies model.json and its shards into the directory {@code target}. */
    @Override
    public List<Path> save(Path target) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(target);
            for (Path file : model().files()) {
                written.add(Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING));
            }
        } catch (IOException e) {
            throw new LibException("cannot save TF.js model " + model().source() + " into " + target + ": " + e
                    + "; fix: give a writable directory");
        }
        return written;
    }

    @Override
    public NamedTensors predict(NamedTensors input) {
        return model().run(input);
    }

    @Override
    public Map<String, Double> train(List<Example<NamedTensors>> train, List<Example<NamedTensors>> validation,
                                     Map<String, String> parameters) {
        throw inferenceOnly("train");
    }

    @Override
    public Map<String, Double> evaluate(List<Example<NamedTensors>> data) {
        TfjsGraphModel m = model();
        if (m.outputs().size() != 1) {
            throw new LibException("evaluate scores a classifier with one output, but TF.js model " + m.source() + " has "
                    + m.outputs() + "; fix: call predict and score the outputs in the worker");
        }
        int correct = 0;
        for (Example<NamedTensors> example : data) {
            float[] scores = m.run(example.input()).tensors().values().iterator().next().values();
            int best = 0;
            for (int i = 1; i < scores.length; i++) {
                best = scores[i] > scores[best] ? i : best;
            }
            correct += best == example.label() ? 1 : 0;
        }
        return Map.of("accuracy", data.isEmpty() ? 0.0 : (double) correct / data.size(), "samples", (double) data.size());
    }

    @Override
    public NamedTensors weights() {
        throw inferenceOnly("weights");
    }

    @Override
    public void setWeights(NamedTensors weights) {
        throw inferenceOnly("setWeights");
    }

    @Override
    public synchronized void close() {
        if (model != null) {
            model.close();
            model = null;
        }
    }

    private LibException inferenceOnly(String operation) {
        String which = model == null ? "TF.js graph model" : "TF.js graph model " + model.source();
        return new LibException(operation + " is not possible on a " + which + ": its weights are frozen constants "
                + "(inference only); fix: train with the pytorch backend (sedna-backend-pytorch), and serve the result from there");
    }
}
