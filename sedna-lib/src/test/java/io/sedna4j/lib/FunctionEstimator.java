package io.sedna4j.lib;

import io.sedna4j.lib.estimator.Estimator;
import io.sedna4j.lib.estimator.Example;
import io.sedna4j.lib.estimator.NamedTensors;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A model that is a function: what tests use instead of a real backend. Thread-safe when the function is. */
public class FunctionEstimator<I, O> implements Estimator<I, O> {
    private final Function<I, O> function;
    private final boolean threadSafe;

    public FunctionEstimator(Function<I, O> function, boolean threadSafe) {
        this.function = function;
        this.threadSafe = threadSafe;
    }

    public FunctionEstimator(Function<I, O> function) {
        this(function, true);
    }

    @Override
    public void load(Path model) {
    }

    @Override
    public List<Path> save(Path target) {
        throw new UnsupportedOperationException();
    }

    @Override
    public O predict(I input) {
        return function.apply(input);
    }

    @Override
    public Map<String, Double> train(List<Example<I>> train, List<Example<I>> validation,
                                     Map<String, String> parameters) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, Double> evaluate(List<Example<I>> data) {
        throw new UnsupportedOperationException();
    }

    @Override
    public NamedTensors weights() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setWeights(NamedTensors weights) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isThreadSafe() {
        return threadSafe;
    }
}
