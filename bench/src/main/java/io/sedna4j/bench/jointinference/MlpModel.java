package io.sedna4j.bench.jointinference;

import io.sedna4j.backend.onnx.OnnxGraph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A dense ONNX model written with {@link OnnxGraph}, so the
 * benchmark needs no model file: {@code X [N,in] → (MatMul, Add, Relu)* → MatMul, Add → Y [N,out]}, float32,
 * dynamic batch {@code N}, random weights scaled by 1/√fan-in.
 */
public final class MlpModel {
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
        OnnxGraph g = new OnnxGraph("mlp");
        String x = "X";
        int layers = widths.length - 1;
        for (int l = 0; l < layers; l++) {
            int in = widths[l];
            int out = widths[l + 1];
            String w = "W" + l;
            String b = "B" + l;
            g.initializer(w, new long[] {in, out}, random(random, (long) in * out, 1.0 / Math.sqrt(in)));
            g.initializer(b, new long[] {out}, random(random, out, 0.01));
            boolean last = l == layers - 1;
            String z = last ? "Y" : "z" + l;
            g.node("MatMul", "mm" + l, x, w).node("Add", z, "mm" + l, b);
            if (!last) {
                g.node("Relu", "h" + l, z);
                x = "h" + l;
            }
        }
        return g.input("X", OnnxGraph.FLOAT, "N", (long) widths[0])
                .output("Y", OnnxGraph.FLOAT, "N", (long) widths[widths.length - 1]).toBytes();
    }

    private static float[] random(SplittableRandom random, long n, double scale) {
        float[] values = new float[Math.toIntExact(n)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
        }
        return values;
    }
}
