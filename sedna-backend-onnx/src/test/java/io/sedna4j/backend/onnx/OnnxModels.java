package io.sedna4j.backend.onnx;

import static io.sedna4j.backend.onnx.OnnxGraph.FLOAT;
import static io.sedna4j.backend.onnx.OnnxGraph.INT64;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Small ONNX models the tests write with {@link OnnxGraph}, so they need no model files. */
final class OnnxModels {
    private OnnxModels() {
    }

    /** {@code Y = Relu(X·W + B)}: X is [batch,3] (or [1,3] when {@code batch} is null), Y [batch,2]. */
    static byte[] affineRelu(String batch) {
        Object n = batch == null ? (Object) 1L : batch;
        return new OnnxGraph("test")
                .node("MatMul", "XW", "X", "W").node("Add", "Z", "XW", "B").node("Relu", "Y", "Z")
                .initializer("W", new long[] {3, 2}, 1, -1, 2, 0, 0, 1).initializer("B", new long[] {2}, 0.5f, 1)
                .input("X", FLOAT, n, 3L).output("Y", FLOAT, n, 2L).toBytes();
    }

    /** The affine-ReLU model computed in Java: what ONNX Runtime must return for one row. */
    static float[] affineReluOf(float x0, float x1, float x2) {
        return new float[] {Math.max(0, x0 + 2 * x1 + 0.5f), Math.max(0, -x0 + x2 + 1)};
    }

    /** {@code S = A + B} over two inputs of shape [N,2]. */
    static byte[] sum() {
        return new OnnxGraph("test").node("Add", "S", "A", "B")
                .input("A", FLOAT, "N", 2L).input("B", FLOAT, "N", 2L).output("S", FLOAT, "N", 2L).toBytes();
    }

    /** An int64 input {@code ids} [N] cast to float: a model the float-only backend must refuse to feed. */
    static byte[] castFromInt64() {
        return new OnnxGraph("test").node("Cast", Map.of("to", (long) FLOAT), "y", "ids")
                .input("ids", INT64, "N").output("y", FLOAT, "N").toBytes();
    }

    static Path write(Path dir, String name, byte[] model) {
        try {
            return Files.write(dir.resolve(name), model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
