package io.sedna4j.vision.reid;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tiny ONNX "ReID models" written field by field (onnx.proto numbering) with protobuf-java, which the class path has
 * through TensorFlow Java: no model file in the repository, and outputs a test can compute by hand.
 */
final class ReidModels {
    private static final int FLOAT = 1;

    private ReidModels() {
    }

    /**
     * The mean of each input channel as a 3-d "feature": GlobalAveragePool then Flatten, input {@code [batch,3,h,w]}
     * where a null size is dynamic.
     */
    static Path channelMeans(Path dir, String batch, Long h, Long w) {
        byte[] pool = node("GlobalAveragePool", "images", "pooled");
        byte[] flatten = node("Flatten", "pooled", "features");
        Object n = batch == null ? (Object) 1L : batch;
        return write(dir, "means.onnx", model(graph(new byte[][] {pool, flatten},
                valueInfo("images", n, 3L, h == null ? "h" : h, w == null ? "w" : w),
                valueInfo("features", n, 3L))));
    }

    /** A model whose input is a plain vector: not an image model. */
    static Path vector(Path dir) {
        return write(dir, "vector.onnx", model(graph(new byte[][] {node("Relu", "x", "y")},
                valueInfo("x", 1L, 3L), valueInfo("y", 1L, 3L))));
    }

    private static Path write(Path dir, String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
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

    /** NodeProto: 1 input, 2 output, 4 op_type. */
    private static byte[] node(String op, String input, String output) {
        return message(o -> {
            o.writeString(1, input);
            o.writeString(2, output);
            o.writeString(4, op);
        });
    }

    /** ValueInfoProto: 1 name, 2 type {1 tensor_type {1 elem_type, 2 shape {1 dim {1 value | 2 param}}}}. */
    private static byte[] valueInfo(String name, Object... dims) {
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
        byte[] tensor = message(o -> {
            o.writeInt32(1, FLOAT);
            o.writeByteArray(2, shape);
        });
        byte[] type = message(o -> o.writeByteArray(1, tensor));
        return message(o -> {
            o.writeString(1, name);
            o.writeByteArray(2, type);
        });
    }

    /** GraphProto: 1 node, 2 name, 11 input, 12 output. */
    private static byte[] graph(byte[][] nodes, byte[] input, byte[] output) {
        return message(o -> {
            for (byte[] node : nodes) {
                o.writeByteArray(1, node);
            }
            o.writeString(2, "reid");
            o.writeByteArray(11, input);
            o.writeByteArray(12, output);
        });
    }

    /** ModelProto: 1 ir_version, 7 graph, 8 opset_import {1 domain, 2 version}. */
    private static byte[] model(byte[] graph) {
        return message(o -> {
            o.writeInt64(1, 8);
            o.writeByteArray(7, graph);
            o.writeByteArray(8, message(s -> {
                s.writeString(1, "");
                s.writeInt64(2, 17);
            }));
        });
    }
}
