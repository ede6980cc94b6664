package io.sedna4j.backend.onnx;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small ONNX models written field by field with onnx.proto's field numbers, so tests need no model files. */
final class OnnxModels {
    static final int FLOAT = 1;
    static final int INT64 = 7;

    private OnnxModels() {
    }

    /** {@code Y = Relu(X·W + B)}: X is [batch,3] (or [1,3] when {@code batch} is null), Y [batch,2]. */
    static byte[] affineRelu(String batch) {
        Object n = batch == null ? (Object) 1L : batch;
        byte[] matMul = node("MatMul", new String[] {"X", "W"}, "XW");
        byte[] add = node("Add", new String[] {"XW", "B"}, "Z");
        byte[] relu = node("Relu", new String[] {"Z"}, "Y");
        byte[] w = floats("W", new long[] {3, 2}, 1, -1, 2, 0, 0, 1);
        byte[] b = floats("B", new long[] {2}, 0.5f, 1);
        return model(graph(new byte[][] {matMul, add, relu}, new byte[][] {w, b},
                new byte[][] {valueInfo("X", FLOAT, n, 3L)}, new byte[][] {valueInfo("Y", FLOAT, n, 2L)}));
    }

    /** The affine-ReLU model computed in Java: what ONNX Runtime must return for one row. */
    static float[] affineReluOf(float x0, float x1, float x2) {
        return new float[] {Math.max(0, x0 + 2 * x1 + 0.5f), Math.max(0, -x0 + x2 + 1)};
    }

    /** {@code S = A + B} over two inputs of shape [N,2]. */
    static byte[] sum() {
        return model(graph(new byte[][] {node("Add", new String[] {"A", "B"}, "S")}, new byte[0][],
                new byte[][] {valueInfo("A", FLOAT, "N", 2L), valueInfo("B", FLOAT, "N", 2L)},
                new byte[][] {valueInfo("S", FLOAT, "N", 2L)}));
    }

    /** An int64 input {@code ids} [N] cast to float: a model the float-only backend must refuse to feed. */
    static byte[] castFromInt64() {
        byte[] to = message(o -> {
            o.writeString(1, "to");
            o.writeInt64(3, FLOAT);
            o.writeEnum(20, 2); // AttributeType INT
        });
        byte[] cast = message(o -> {
            o.writeString(1, "ids");
            o.writeString(2, "y");
            o.writeString(4, "Cast");
            o.writeByteArray(5, to);
        });
        return model(graph(new byte[][] {cast}, new byte[0][], new byte[][] {valueInfo("ids", INT64, "N")},
                new byte[][] {valueInfo("y", FLOAT, "N")}));
    }

    static Path write(Path dir, String name, byte[] model) {
        try {
            return Files.write(dir.resolve(name), model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Fields fields) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            fields.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // NodeProto{1: input*, 2: output*, 4: op_type}
    private static byte[] node(String op, String[] inputs, String output) {
        return message(o -> {
            for (String input : inputs) {
                o.writeString(1, input);
            }
            o.writeString(2, output);
            o.writeString(4, op);
        });
    }

    // TensorProto{1: dims*, 2: data_type, 4: float_data*, 8: name}
    private static byte[] floats(String name, long[] dims, float... values) {
        return message(o -> {
            for (long dim : dims) {
                o.writeInt64(1, dim);
            }
            o.writeInt32(2, FLOAT);
            for (float value : values) {
                o.writeFloat(4, value);
            }
            o.writeString(8, name);
        });
    }

    // ValueInfoProto{1: name, 2: TypeProto{1: Tensor{1: elem_type, 2: Shape{1: Dim{1: dim_value | 2: dim_param}}}}}
    private static byte[] valueInfo(String name, int elemType, Object... dims) {
        byte[] shape = message(o -> {
            for (Object dim : dims) {
                o.writeByteArray(1, message(d -> {
                    if (dim instanceof Long value) {
                        d.writeInt64(1, value);
                    } else {
                        d.writeString(2, (String) dim);
                    }
                }));
            }
        });
        byte[] tensorType = message(o -> {
            o.writeInt32(1, elemType);
            o.writeByteArray(2, shape);
        });
        byte[] type = message(o -> o.writeByteArray(1, tensorType));
        return message(o -> {
            o.writeString(1, name);
            o.writeByteArray(2, type);
        });
    }

    // GraphProto{1: node*, 2: name, 5: initializer*, 11: input*, 12: output*}
    private static byte[] graph(byte[][] nodes, byte[][] initializers, byte[][] inputs, byte[][] outputs) {
        return message(o -> {
            for (byte[] node : nodes) {
                o.writeByteArray(1, node);
            }
            o.writeString(2, "test");
            for (byte[] initializer : initializers) {
                o.writeByteArray(5, initializer);
            }
            for (byte[] input : inputs) {
                o.writeByteArray(11, input);
            }
            for (byte[] output : outputs) {
                o.writeByteArray(12, output);
            }
        });
    }

    // ModelProto{1: ir_version, 7: graph, 8: opset_import{1: domain, 2: version}}
    private static byte[] model(byte[] graph) {
        byte[] opset = message(o -> {
            o.writeString(1, "");
            o.writeInt64(2, 17);
        });
        return message(o -> {
            o.writeInt64(1, 8);
            o.writeByteArray(7, graph);
            o.writeByteArray(8, opset);
        });
    }
}
