package io.sedna4j.bench.jointinference;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A dense ONNX model written field by field (onnx.proto's field numbers, as the ONNX backend's tests do), so the
 * benchmark needs no model file: {@code X [N,in] → (MatMul, Add, Relu)* → MatMul, Add → Y [N,out]}, float32,
 * dynamic batch {@code N}, random weights scaled by 1/√fan-in.
 */
public final class MlpModel {
    private static final int FLOAT = 1;

    private MlpModel() {
    }

    /** Writes the model with layer widths {@code widths} (input first, output last) to {@code file}. */
    public static Path write(Path file, long seed, int... widths) {
        try {
            return Files.write(file, bytes(seed, widths));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Multiply-accumulates of one row: the model's cost. */
    public static long macs(int... widths) {
        long macs = 0;
        for (int i = 0; i + 1 < widths.length; i++) {
            macs += (long) widths[i] * widths[i + 1];
        }
        return macs;
    }

    static byte[] bytes(long seed, int... widths) {
        if (widths.length < 2) {
            throw new IllegalArgumentException("an MLP needs at least an input and an output width");
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<byte[]> nodes = new ArrayList<>();
        List<byte[]> initializers = new ArrayList<>();
        String x = "X";
        int layers = widths.length - 1;
        for (int l = 0; l < layers; l++) {
            int in = widths[l];
            int out = widths[l + 1];
            String w = "W" + l;
            String b = "B" + l;
            initializers.add(floats(w, new long[] {in, out}, random, 1.0 / Math.sqrt(in)));
            initializers.add(floats(b, new long[] {out}, random, 0.01));
            boolean last = l == layers - 1;
            String mm = "mm" + l;
            String z = last ? "Y" : "z" + l;
            nodes.add(node("MatMul", new String[] {x, w}, mm));
            nodes.add(node("Add", new String[] {mm, b}, z));
            if (!last) {
                String h = "h" + l;
                nodes.add(node("Relu", new String[] {z}, h));
                x = h;
            }
        }
        byte[] graph = message(o -> {
            for (byte[] node : nodes) {
                o.writeByteArray(1, node);
            }
            o.writeString(2, "mlp");
            for (byte[] init : initializers) {
                o.writeByteArray(5, init);
            }
            o.writeByteArray(11, valueInfo("X", "N", widths[0]));
            o.writeByteArray(12, valueInfo("Y", "N", widths[widths.length - 1]));
        });
        byte[] opset = message(o -> {
            o.writeString(1, "");
            o.writeInt64(2, 17);
        });
        // ModelProto{1: ir_version, 7: graph, 8: opset_import}
        return message(o -> {
            o.writeInt64(1, 8);
            o.writeByteArray(7, graph);
            o.writeByteArray(8, opset);
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

    // TensorProto{1: dims*, 2: data_type, 8: name, 9: raw_data (little-endian)}
    private static byte[] floats(String name, long[] dims, SplittableRandom random, double scale) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        ByteBuffer raw = ByteBuffer.allocate(Math.toIntExact(n * 4)).order(ByteOrder.LITTLE_ENDIAN);
        for (long i = 0; i < n; i++) {
            raw.putFloat((float) ((random.nextDouble() * 2 - 1) * scale));
        }
        raw.flip();
        return message(o -> {
            for (long dim : dims) {
                o.writeInt64(1, dim);
            }
            o.writeInt32(2, FLOAT);
            o.writeString(8, name);
            o.writeBytes(9, ByteString.copyFrom(raw));
        });
    }

    // ValueInfoProto{1: name, 2: TypeProto{1: Tensor{1: elem_type, 2: Shape{1: Dim{1: dim_value | 2: dim_param}}}}}
    private static byte[] valueInfo(String name, String batch, long width) {
        byte[] shape = message(o -> {
            o.writeByteArray(1, message(d -> d.writeString(2, batch)));
            o.writeByteArray(1, message(d -> d.writeInt64(1, width)));
        });
        byte[] tensorType = message(o -> {
            o.writeInt32(1, FLOAT);
            o.writeByteArray(2, shape);
        });
        byte[] type = message(o -> o.writeByteArray(1, tensorType));
        return message(o -> {
            o.writeString(1, name);
            o.writeByteArray(2, type);
        });
    }
}
