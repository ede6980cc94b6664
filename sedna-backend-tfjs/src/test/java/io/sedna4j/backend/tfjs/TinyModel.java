package io.sedna4j.backend.tfjs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A TF.js graph model written by hand, as tensorflowjs_converter would: y = reshape(x·W + b, [-1]) with W stored as
 * uint8 (min -1, scale 0.5), b as float16 and the reshape's int64 shape as int32, so the loader's dequantisation and
 * int64 widening are all exercised without the npm download.
 */
final class TinyModel {
    static final float[][] W = {{0, 1}, {0.5f, -0.5f}, {-1, 0}};
    static final float[] B = {0.5f, -2};

    private TinyModel() {
    }

    static Path write(Path dir) throws IOException {
        return write(dir, "int32");
    }

    /** {@code shapeDtype}: the dtype the manifest claims for the reshape's shape weight (to test rejects). */
    static Path write(Path dir, String shapeDtype) throws IOException {
        Files.createDirectories(dir);
        ByteBuffer bin = ByteBuffer.allocate(14).order(ByteOrder.LITTLE_ENDIAN);
        bin.put(new byte[] {2, 4, 3, 1, 0, 2});       // W: -1 + 0.5 q
        bin.putShort((short) 0x3800).putShort((short) 0xC000); // b: 0.5, -2 as float16
        bin.putInt(-1);                                // reshape to [-1]
        Files.write(dir.resolve("tiny.bin"), bin.array());
        Path json = dir.resolve("model.json");
        Files.writeString(json, """
                {"format": "graph-model", "generatedBy": "hand", "convertedBy": "TinyModel",
                 "signature": {"inputs": {"x:0": {"name": "x:0"}}, "outputs": {"y:0": {"name": "y:0"}}},
                 "modelTopology": {"node": [
                   {"name": "x", "op": "Placeholder", "attr": {"dtype": {"type": "DT_FLOAT"},
                     "shape": {"shape": {"dim": [{"size": "-1"}, {"size": "3"}]}}}},
                   {"name": "w", "op": "Const", "attr": {"dtype": {"type": "DT_FLOAT"},
                     "value": {"tensor": {"dtype": "DT_FLOAT", "tensorShape": {"dim": [{"size": "3"}, {"size": "2"}]}}}}},
                   {"name": "b", "op": "Const", "attr": {"dtype": {"type": "DT_FLOAT"},
                     "value": {"tensor": {"dtype": "DT_FLOAT", "tensorShape": {"dim": [{"size": "2"}]}}}}},
                   {"name": "flat", "op": "Const", "attr": {"dtype": {"type": "DT_INT64"},
                     "value": {"tensor": {"dtype": "DT_INT64", "tensorShape": {"dim": [{"size": "1"}]}}}}},
                   {"name": "xw", "op": "MatMul", "input": ["x", "w"], "attr": {"T": {"type": "DT_FLOAT"},
                     "transpose_a": {"b": false}, "transpose_b": {"b": false}}},
                   {"name": "sum", "op": "Add", "input": ["xw", "b"], "attr": {"T": {"type": "DT_FLOAT"}}},
                   {"name": "y", "op": "Reshape", "input": ["sum", "flat"],
                     "attr": {"T": {"type": "DT_FLOAT"}, "Tshape": {"type": "DT_INT64"}}}
                 ], "library": {}, "versions": {}},
                 "weightsManifest": [{"paths": ["tiny.bin"], "weights": [
                   {"name": "w", "shape": [3, 2], "dtype": "float32",
                    "quantization": {"dtype": "uint8", "min": -1.0, "scale": 0.5, "original_dtype": "float32"}},
                   {"name": "b", "shape": [2], "dtype": "float32", "quantization": {"dtype": "float16", "original_dtype": "float32"}},
                   {"name": "flat", "shape": [1], "dtype": "%s"}
                 ]}]}
                """.formatted(shapeDtype));
        return json;
    }

    /**
     * A model with the converter's fused ops as TF.js writes them: z = depthwise(conv(x)·2 + 1)·3 − 1, the conv a
     * {@code _FusedConv2D} without TArgs, the depthwise a {@code FusedDepthwiseConv2dNative} with explicit_paddings.
     */
    static Path writeFused(Path dir) throws IOException {
        Files.createDirectories(dir);
        ByteBuffer bin = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        bin.putFloat(2).putFloat(1).putFloat(3).putFloat(-1);
        Files.write(dir.resolve("fused.bin"), bin.array());
        String conv = """
                "T": {"type": "DT_FLOAT"}, "strides": {"list": {"i": ["1", "1", "1", "1"]}},
                "padding": {"s": "VkFMSUQ="}, "data_format": {"s": "TkhXQw=="}, "dilations": {"list": {"i": ["1", "1", "1", "1"]}},
                "fused_ops": {"list": {"s": ["Qmlhc0FkZA=="]}}, "num_args": {"i": "1"}, "epsilon": {"f": 0},
                "explicit_paddings": {"list": {}}""";
        String filter = """
                {"name": "%s", "op": "Const", "attr": {"dtype": {"type": "DT_FLOAT"},
                  "value": {"tensor": {"dtype": "DT_FLOAT", "tensorShape": {"dim": [%s]}}}}}""";
        String one = "{\"size\": \"1\"}";
        Path json = dir.resolve("model.json");
        Files.writeString(json, """
                {"format": "graph-model", "modelTopology": {"node": [
                  {"name": "x", "op": "Placeholder", "attr": {"dtype": {"type": "DT_FLOAT"},
                    "shape": {"shape": {"dim": [{"size": "1"}, {"size": "2"}, {"size": "2"}, {"size": "1"}]}}}},
                  %s, %s, %s, %s,
                  {"name": "conv", "op": "_FusedConv2D", "input": ["x", "cw", "cb"], "attr": {%s, "use_cudnn_on_gpu": {"b": true}}},
                  {"name": "z", "op": "FusedDepthwiseConv2dNative", "input": ["conv", "dw", "db"], "attr": {%s}}
                ]},
                "weightsManifest": [{"paths": ["fused.bin"], "weights": [
                  {"name": "cw", "shape": [1, 1, 1, 1], "dtype": "float32"}, {"name": "cb", "shape": [1], "dtype": "float32"},
                  {"name": "dw", "shape": [1, 1, 1, 1], "dtype": "float32"}, {"name": "db", "shape": [1], "dtype": "float32"}]}]}
                """.formatted(filter.formatted("cw", String.join(",", one, one, one, one)), filter.formatted("cb", one),
                filter.formatted("dw", String.join(",", one, one, one, one)), filter.formatted("db", one), conv, conv));
        return json;
    }

    /** What the model must give, computed in Java. */
    static float[] expected(float[][] x) {
        float[] y = new float[x.length * 2];
        for (int r = 0; r < x.length; r++) {
            for (int c = 0; c < 2; c++) {
                float s = B[c];
                for (int k = 0; k < 3; k++) {
                    s += x[r][k] * W[k][c];
                }
                y[r * 2 + c] = s;
            }
        }
        return y;
    }
}
