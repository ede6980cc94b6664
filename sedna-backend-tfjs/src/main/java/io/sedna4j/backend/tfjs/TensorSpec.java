package io.sedna4j.backend.tfjs;

import java.util.Arrays;

/**
 * An input or output of a graph model: its name (the graph node, {@code :index} only when not 0), TensorFlow dtype
 * ({@code DT_FLOAT}, {@code DT_INT32}, …) and shape, with -1 for a size the graph leaves open.
 */
public record TensorSpec(String name, String dtype, long[] shape) {

    public TensorSpec {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec t && t.name.equals(name) && t.dtype.equals(dtype) && Arrays.equals(t.shape, shape);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + dtype + " " + Arrays.toString(shape);
    }
}
