package io.sedna4j.lib.estimator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's weights as named float32 tensors, in a stable order: what federated learning sends and aggregates
 * (written in the safetensors layout on the wire, never with Java serialization).
 *
 * @param tensors name → tensor, in the model's order
 */
public record NamedTensors(Map<String, Tensor> tensors) {

    /** One tensor: its shape and its values in row-major order. */
    public record Tensor(long[] shape, float[] values) {
    }

    public NamedTensors {
        tensors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }
}
