package io.sedna4j.lib.estimator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A model a worker runs, over any framework: Sedna's estimator. Backends implement it for ONNX Runtime, PyTorch
 * (DJL) and TF.js graph models. An operation a backend cannot do (an ONNX Runtime model cannot train here) throws a
 * {@link io.sedna4j.lib.LibException} that says so and names the backend that can.
 *
 * @param <I> what one prediction takes, e.g. an image or a float[] of features
 * @param <O> what one prediction gives, e.g. detections or class scores
 */
public interface Estimator<I, O> extends AutoCloseable {

    /** Loads the model at {@code model} (a file or a directory, already local), replacing any loaded one. */
    void load(Path model);

    /** Writes the model to {@code target} in the backend's own format; returns the file(s) written. */
    List<Path> save(Path target);

    O predict(I input);

    /** Several predictions; backends that batch override it. */
    default List<O> predict(List<I> inputs) {
        List<O> outputs = new ArrayList<>(inputs.size());
        for (I input : inputs) {
            outputs.add(predict(input));
        }
        return outputs;
    }

    /**
     * Trains on labelled examples and returns metrics (e.g. {@code loss}, {@code accuracy}).
     *
     * @param parameters hyperparameters as the worker's environment gives them (epochs, batch_size, learning_rate)
     */
    Map<String, Double> train(List<Example<I>> train, List<Example<I>> validation, Map<String, String> parameters);

    /** Metrics on labelled examples, e.g. {@code accuracy}, {@code precision}. */
    Map<String, Double> evaluate(List<Example<I>> data);

    /** The trainable parameters, for federated learning. */
    NamedTensors weights();

    /** Replaces the trainable parameters; names and shapes must match {@link #weights()}. */
    void setWeights(NamedTensors weights);

    /**
     * Whether {@link #predict(Object)} may be called from several threads at once. Servers and joint inference call
     * a thread-safe estimator concurrently and serialise calls to any other, so the safe default costs throughput
     * only; a backend whose sessions allow concurrent runs (ONNX Runtime) should answer {@code true}.
     */
    default boolean isThreadSafe() {
        return false;
    }

    @Override
    default void close() {
    }
}
