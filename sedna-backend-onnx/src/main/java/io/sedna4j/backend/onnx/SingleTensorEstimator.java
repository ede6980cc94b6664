package io.sedna4j.backend.onnx;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.estimator.Estimator;
import io.sedna4j.lib.estimator.Example;
import io.sedna4j.lib.estimator.NamedTensors;
import io.sedna4j.lib.estimator.NamedTensors.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A one-input model as {@code float[]} → {@code float[]}: the values of one input in row-major order, and those of
 * the model's first output. Made by {@link OnnxEstimator#forSingleInput}; thread-safe like the estimator it wraps.
 */
public final class SingleTensorEstimator implements Estimator<float[], float[]> {
    private final OnnxEstimator onnx;
    private final long[] requestedShape;
    private volatile String inputName;
    private volatile long[] inputShape;

    SingleTensorEstimator(OnnxEstimator onnx, long[] inputShape) {
        this.onnx = onnx;
        this.requestedShape = inputShape.clone();
        bind();
    }

    /** The estimator underneath, for {@link OnnxEstimator#inputs()} and named tensors. */
    public OnnxEstimator onnx() {
        return onnx;
    }

    /** The shape {@link #predict(float[])} gives the input. */
    public long[] inputShape() {
        return inputShape.clone();
    }

    /** Reloads the model (a file or a directory with one .onnx) and checks it still has one input. */
    @Override
    public void load(Path model) {
        onnx.load(model);
        bind();
    }

    @Override
    public List<Path> save(Path target) {
        return onnx.save(target);
    }

    @Override
    public float[] predict(float[] input) {
        return predict(input, inputShape);
    }

    /** The first output's values for the input {@code values} in {@code shape}. */
    public float[] predict(float[] values, long[] shape) {
        return predictTensor(values, shape).values();
    }

    /** The first output with its shape, e.g. {@code [1, 8400, 85]} for a YOLOX export. */
    public Tensor predictTensor(float[] values, long[] shape) {
        NamedTensors out = onnx.predict(new NamedTensors(Map.of(inputName, new Tensor(shape, values))));
        return first(out);
    }

    /** Stacked into runs when the model has a dynamic batch dimension (see {@link OnnxEstimator#predict(List)}). */
    @Override
    public List<float[]> predict(List<float[]> inputs) {
        List<NamedTensors> named = new ArrayList<>(inputs.size());
        for (float[] input : inputs) {
            named.add(new NamedTensors(Map.of(inputName, new Tensor(inputShape, input))));
        }
        return onnx.predict(named).stream().map(out -> first(out).values()).toList();
    }

    @Override
    public Map<String, Double> train(List<Example<float[]>> train, List<Example<float[]>> validation,
                                     Map<String, String> parameters) {
        return onnx.train(List.of(), List.of(), parameters);
    }

    @Override
    public Map<String, Double> evaluate(List<Example<float[]>> data) {
        return onnx.evaluate(data.stream().map(e -> new Example<>(
                new NamedTensors(Map.of(inputName, new Tensor(inputShape, e.input()))), e.label())).toList());
    }

    @Override
    public NamedTensors weights() {
        return onnx.weights();
    }

    @Override
    public void setWeights(NamedTensors weights) {
        onnx.setWeights(weights);
    }

    @Override
    public void close() {
        onnx.close();
    }

    private Tensor first(NamedTensors out) {
        if (out.tensors().isEmpty()) {
            throw new LibException("model " + onnx.modelFile() + " returned no tensor output; fix: use a model with "
                    + "a numeric tensor output");
        }
        return out.tensors().values().iterator().next();
    }

    private void bind() {
        List<TensorSpec> inputs = onnx.inputs();
        if (inputs.size() != 1) {
            throw new LibException("model " + onnx.modelFile() + " has " + inputs.size() + " inputs ("
                    + Feeds.describe(inputs) + "), not one; fix: use OnnxEstimator with named tensors for it");
        }
        TensorSpec spec = inputs.get(0);
        long[] shape = requestedShape.length > 0 ? requestedShape.clone() : spec.shape();
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == TensorSpec.DYNAMIC && i == 0 && requestedShape.length == 0) {
                shape[i] = 1;
            } else if (shape[i] < 0) {
                throw new LibException("input " + spec + " of model " + onnx.modelFile() + " has dynamic dimension "
                        + i + ", so its shape for one prediction is unknown; fix: pass the shape to "
                        + "OnnxEstimator.forSingleInput(model, options, shape...), e.g. with that dimension filled in");
            }
        }
        if (!spec.accepts(shape)) {
            throw new LibException("shape " + TensorSpec.shapeText(shape) + " does not fit input " + spec + " of model "
                    + onnx.modelFile() + "; fix: give a shape that matches " + spec.shapeText());
        }
        inputName = spec.name();
        inputShape = shape;
    }
}
