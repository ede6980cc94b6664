package io.sedna4j.backend.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.sedna4j.api.schema.Names;
import io.sedna4j.lib.LibException;
import io.sedna4j.lib.estimator.NamedTensors;
import io.sedna4j.lib.estimator.NamedTensors.Tensor;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A block's parameters as {@link NamedTensors}, named by DJL's parameter paths ({@code 01Conv2d_weight}, …). */
final class Weights {
    private Weights() {
    }

    static NamedTensors read(Block block) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Pair<String, Parameter> entry : block.getParameters()) {
            NDArray array = entry.getValue().getArray();
            tensors.put(entry.getKey(), new Tensor(array.getShape().getShape(), array.toFloatArray()));
        }
        return new NamedTensors(tensors);
    }

    /** Checks every tensor before writing any, so a bad set leaves the model as it was. */
    static void write(Block block, NamedTensors weights, String model) {
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        block.getParameters().forEach(p -> parameters.put(p.getKey(), p.getValue()));
        for (String name : weights.tensors().keySet()) {
            if (!parameters.containsKey(name)) {
                throw new LibException("weights hold tensor \"" + name + "\", which model " + model + " does not have"
                        + Names.didYouMean(name, parameters.keySet()) + "; the model's tensors are: "
                        + describe(parameters) + "; fix: send weights of the same architecture");
            }
        }
        for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
            Tensor tensor = weights.tensors().get(entry.getKey());
            long[] expected = entry.getValue().getArray().getShape().getShape();
            if (tensor == null) {
                throw new LibException("weights lack tensor \"" + entry.getKey() + "\" " + Arrays.toString(expected)
                        + " of model " + model + "; fix: send every tensor of weights() (" + parameters.size() + ")");
            }
            if (tensor.shape() == null || !Arrays.equals(tensor.shape(), expected)) {
                throw new LibException("weights tensor \"" + entry.getKey() + "\" has shape "
                        + Arrays.toString(tensor.shape()) + " but model " + model + " has " + Arrays.toString(expected)
                        + "; fix: send weights of the same architecture");
            }
            if (tensor.values() == null || tensor.values().length != new Shape(expected).size()) {
                throw new LibException("weights tensor \"" + entry.getKey() + "\" of shape " + Arrays.toString(expected)
                        + " holds " + (tensor.values() == null ? 0 : tensor.values().length) + " values, not "
                        + new Shape(expected).size() + "; fix: send complete tensors");
            }
        }
        for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
            // in place: the arrays stay the ones the block and any optimizer hold
            entry.getValue().getArray().set(FloatBuffer.wrap(weights.tensors().get(entry.getKey()).values()));
        }
    }

    private static String describe(Map<String, Parameter> parameters) {
        return parameters.entrySet().stream()
                .map(e -> e.getKey() + " " + Arrays.toString(e.getValue().getArray().getShape().getShape()))
                .collect(Collectors.joining(", "));
    }
}
