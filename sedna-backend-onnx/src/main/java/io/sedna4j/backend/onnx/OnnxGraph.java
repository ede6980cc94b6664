package io.sedna4j.backend.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.sedna4j.lib.LibException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes small ONNX models field by field (onnx.proto's field numbers), so that tests and benchmarks need no model
 * file and no Python: nodes, float32 initializers, and inputs and outputs whose dimensions are sizes
 * ({@code Long}) or names of dynamic dimensions ({@code String}).
 */
public final class OnnxGraph {
    public static final int FLOAT = 1;
    public static final int INT64 = 7;

    private final String name;
    private final List<byte[]> nodes = new ArrayList<>();
    private final List<byte[]> initializers = new ArrayList<>();
    private final List<byte[]> inputs = new ArrayList<>();
    private final List<byte[]> outputs = new ArrayList<>();

    public OnnxGraph(String name) {
        this.name = name;
    }

    /** A node {@code output = op(inputs)}. */
    public OnnxGraph node(String op, String output, String... inputs) {
        return node(op, Map.of(), output, inputs);
    }

    /** A node with integer attributes, e.g. Cast's {@code to}. */
    public OnnxGraph node(String op, Map<String, Long> intAttributes, String output, String... inputs) {
        // NodeProto{1: input*, 2: output*, 4: op_type, 5: attribute*}; AttributeProto{1: name, 3: i, 20: type INT=2}
        nodes.add(message(o -> {
            for (String input : inputs) {
                o.writeString(1, input);
            }
            o.writeString(2, output);
            o.writeString(4, op);
            for (Map.Entry<String, Long> a : intAttributes.entrySet()) {
                o.writeByteArray(5, message(at -> {
                    at.writeString(1, a.getKey());
                    at.writeInt64(3, a.getValue());
                    at.writeEnum(20, 2);
                }));
            }
        }));
        return this;
    }

    /** A float32 constant, its values in row-major order. */
    public OnnxGraph initializer(String name, long[] dims, float... values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            raw.putFloat(v);
        }
        raw.flip();
        // TensorProto{1: dims*, 2: data_type, 8: name, 9: raw_data (little-endian)}
        initializers.add(message(o -> {
            for (long dim : dims) {
                o.writeInt64(1, dim);
            }
            o.writeInt32(2, FLOAT);
            o.writeString(8, name);
            o.writeBytes(9, ByteString.copyFrom(raw));
        }));
        return this;
    }

    public OnnxGraph input(String name, int elemType, Object... dims) {
        inputs.add(valueInfo(name, elemType, dims));
        return this;
    }

    public OnnxGraph output(String name, int elemType, Object... dims) {
        outputs.add(valueInfo(name, elemType, dims));
        return this;
    }

    /** The model: IR version 8, opset 17. */
    public byte[] toBytes() {
        // GraphProto{1: node*, 2: name, 5: initializer*, 11: input*, 12: output*}
        byte[] graph = message(o -> {
            for (byte[] node : nodes) {
                o.writeByteArray(1, node);
            }
            o.writeString(2, name);
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
        // ModelProto{1: ir_version, 7: graph, 8: opset_import{1: domain, 2: version}}
        return message(o -> {
            o.writeInt64(1, 8);
            o.writeByteArray(7, graph);
            o.writeByteArray(8, message(s -> {
                s.writeString(1, "");
                s.writeInt64(2, 17);
            }));
        });
    }

    public Path write(Path file) {
        try {
            return Files.write(file, toBytes());
        } catch (IOException e) {
            throw new LibException("cannot write the ONNX model " + file + ": " + e.getMessage()
                    + "; fix: check that its directory exists and is writable", e);
        }
    }

    // ValueInfoProto{1: name, 2: TypeProto{1: Tensor{1: elem_type, 2: Shape{1: Dim{1: dim_value | 2: dim_param}}}}}
    private static byte[] valueInfo(String name, int elemType, Object... dims) {
        byte[] shape = message(o -> {
            for (Object dim : dims) {
                o.writeByteArray(1, message(d -> {
                    if (dim instanceof Number value) {
                        d.writeInt64(1, value.longValue());
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
}
