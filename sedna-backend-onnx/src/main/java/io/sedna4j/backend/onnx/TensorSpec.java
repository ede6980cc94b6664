package io.sedna4j.backend.onnx;

import java.util.Arrays;

/**
 * One input or output of an ONNX model as the model declares it, so that a worker can build inputs.
 *
 * @param name           the graph's name for it, e.g. {@code images}
 * @param type           ONNX element type: {@code float32}, {@code float16}, {@code int64}, …; {@code sequence} or
 *                       {@code map} for values that are not tensors (their shape is empty)
 * @param shape          dimensions, {@code -1} where the model leaves one dynamic
 * @param dimensionNames the symbolic names of dynamic dimensions ({@code batch}, {@code N}), empty where none
 */
public record TensorSpec(String name, String type, long[] shape, String[] dimensionNames) {

    public static final long DYNAMIC = -1;

    public TensorSpec {
        shape = shape.clone();
        dimensionNames = dimensionNames.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public String[] dimensionNames() {
        return dimensionNames.clone();
    }

    public int rank() {
        return shape.length;
    }

    public boolean isFloat() {
        return "float32".equals(type);
    }

    public boolean isTensor() {
        return !"sequence".equals(type) && !"map".equals(type) && !"unknown".equals(type);
    }

    /** Whether the first dimension is dynamic, so that examples can be stacked along it. */
    public boolean hasDynamicBatch() {
        return shape.length > 0 && shape[0] == DYNAMIC;
    }

    /** Whether {@code given} fits: same rank, and equal wherever this spec fixes a dimension. */
    public boolean accepts(long[] given) {
        if (given.length != shape.length) {
            return false;
        }
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] != DYNAMIC && shape[i] != given[i]) {
                return false;
            }
        }
        return true;
    }

    /** The shape as people read it: {@code [batch,3,640,640]}, {@code ?} for an unnamed dynamic dimension. */
    public String shapeText() {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            text.append(i == 0 ? "" : ",");
            if (shape[i] != DYNAMIC) {
                text.append(shape[i]);
            } else {
                String dimName = i < dimensionNames.length ? dimensionNames[i] : "";
                text.append(dimName == null || dimName.isEmpty() ? "?" : dimName);
            }
        }
        return text.append(']').toString();
    }

    @Override
    public String toString() {
        return name + " " + type + " " + shapeText();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TensorSpec that && name.equals(that.name) && type.equals(that.type)
                && Arrays.equals(shape, that.shape) && Arrays.equals(dimensionNames, that.dimensionNames);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(shape);
    }

    static String shapeText(long[] shape) {
        return Arrays.toString(shape).replace(" ", "");
    }
}
