package io.sedna4j.vision.reid;

import static io.sedna4j.backend.onnx.OnnxGraph.FLOAT;

import io.sedna4j.backend.onnx.OnnxGraph;
import java.nio.file.Path;

/** Tiny ONNX "ReID models" written with {@link OnnxGraph}: no model file, and outputs a test can compute by hand. */
final class ReidModels {
    private ReidModels() {
    }

    /**
     * The mean of each input channel as a 3-d "feature": GlobalAveragePool then Flatten, input {@code [batch,3,h,w]}
     * where a null size is dynamic.
     */
    static Path channelMeans(Path dir, String batch, Long h, Long w) {
        Object n = batch == null ? (Object) 1L : batch;
        return new OnnxGraph("reid").node("GlobalAveragePool", "pooled", "images").node("Flatten", "features", "pooled")
                .input("images", FLOAT, n, 3L, h == null ? "h" : h, w == null ? "w" : w)
                .output("features", FLOAT, n, 3L).write(dir.resolve("means.onnx"));
    }

    /** A model whose input is a plain vector: not an image model. */
    static Path vector(Path dir) {
        return new OnnxGraph("reid").node("Relu", "y", "x").input("x", FLOAT, 1L, 3L).output("y", FLOAT, 1L, 3L)
                .write(dir.resolve("vector.onnx"));
    }
}
