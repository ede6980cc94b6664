package io.sedna4j.backend.tfjs;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.estimator.NamedTensors;
import java.nio.file.Path;
import java.util.Arrays;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.ByteDataBuffer;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Converts between {@link NamedTensors.Tensor} (float32, row-major) and TensorFlow tensors, checking shapes first. */
final class Tensors {
    private Tensors() {
    }

    static Tensor toTensor(TensorSpec spec, NamedTensors.Tensor value, Path model) {
        long[] shape = value.shape();
        long count = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (count != value.values().length) {
            throw new LibException("input '" + spec.name() + "' of TF.js model " + model + " has shape " + Arrays.toString(shape)
                    + " (" + count + " values) but " + value.values().length + " values; fix: make the shape match the data");
        }
        if (!fits(spec.shape(), shape)) {
            throw new LibException("input '" + spec.name() + "' of TF.js model " + model + " must have shape "
                    + Arrays.toString(spec.shape()) + " (-1: any), got " + Arrays.toString(shape) + "; fix: resize the input");
        }
        return switch (spec.dtype()) {
            case "DT_FLOAT" -> TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(value.values(), true, false));
            case "DT_INT32" -> {
                int[] ints = new int[value.values().length];
                for (int i = 0; i < ints.length; i++) {
                    ints[i] = Math.round(value.values()[i]);
                }
                yield TInt32.tensorOf(Shape.of(shape), DataBuffers.of(ints, true, false));
            }
            default -> throw new LibException("input '" + spec.name() + "' of TF.js model " + model + " is " + spec.dtype()
                    + "; this backend feeds DT_FLOAT and DT_INT32 only; fix: use a model with float or int32 inputs");
        };
    }

    static NamedTensors.Tensor fromTensor(Tensor tensor, String name, Path model) {
        long[] shape = tensor.shape().asArray();
        int n = Math.toIntExact(tensor.shape().size());
        ByteDataBuffer data = tensor.asRawTensor().data();
        float[] values = new float[n];
        switch (tensor.dataType()) {
            case DT_FLOAT -> data.asFloats().read(values);
            case DT_INT32 -> {
                int[] ints = new int[n];
                data.asInts().read(ints);
                for (int i = 0; i < n; i++) {
                    values[i] = ints[i];
                }
            }
            case DT_INT64 -> {
                long[] longs = new long[n];
                data.asLongs().read(longs);
                for (int i = 0; i < n; i++) {
                    values[i] = longs[i];
                }
            }
            case DT_BOOL -> {
                boolean[] bools = new boolean[n];
                data.asBooleans().read(bools);
                for (int i = 0; i < n; i++) {
                    values[i] = bools[i] ? 1 : 0;
                }
            }
            default -> throw new LibException("output '" + name + "' of TF.js model " + model + " is " + tensor.dataType()
                    + ", which does not convert to float; fix: fetch a float, int or bool tensor");
        }
        return new NamedTensors.Tensor(shape, values);
    }

    private static boolean fits(long[] declared, long[] given) {
        if (declared.length == 0) {
            return true; // unknown rank (or a scalar placeholder: TensorFlow checks that itself)
        }
        if (declared.length != given.length) {
            return false;
        }
        for (int i = 0; i < declared.length; i++) {
            if (declared[i] >= 0 && declared[i] != given[i]) {
                return false;
            }
        }
        return true;
    }
}
