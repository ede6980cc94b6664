package io.sedna4j.bench.jointinference;

import io.sedna4j.backend.onnx.OnnxEstimator;
import io.sedna4j.lib.estimator.Estimator;
import io.sedna4j.lib.estimator.Example;
import io.sedna4j.lib.estimator.NamedTensors;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The ONNX estimator seen as one float vector in ({@code X}, [1,in]) and one out ({@code Y}), what the big model
 * service decodes and encodes. {@code threadSafe} is what it tells the service: {@code false} is what the ONNX
 * estimator says itself (the service then runs one prediction at a time), {@code true} lets the service call it
 * concurrently, as the baseline does.
 */
final class VectorEstimator implements Estimator<float[], float[]> {
    private final OnnxEstimator onnx;
    private final boolean threadSafe;

    VectorEstimator(OnnxEstimator onnx, boolean threadSafe) {
        this.onnx = onnx;
        this.threadSafe = threadSafe;
    }

    static NamedTensors feed(float[] x) {
        return new NamedTensors(Map.of("X", new NamedTensors.Tensor(new long[] {1, x.length}, x)));
    }

    @Override
    public float[] predict(float[] input) {
        return onnx.predict(feed(input)).tensors().get("Y").values();
    }

    @Override
    public boolean isThreadSafe() {
        return threadSafe;
    }

    @Override
    public void load(Path model) {
        onnx.load(model);
    }

    @Override
    public List<Path> save(Path target) {
        return onnx.save(target);
    }

    @Override
    public Map<String, Double> train(List<Example<float[]>> train, List<Example<float[]>> validation,
            Map<String, String> parameters) {
        throw new UnsupportedOperationException("inference only");
    }

    @Override
    public Map<String, Double> evaluate(List<Example<float[]>> data) {
        throw new UnsupportedOperationException("inference only");
    }

    @Override
    public NamedTensors weights() {
        return onnx.weights();
    }

    @Override
    public void setWeights(NamedTensors weights) {
        onnx.setWeights(weights);
    }
}
