package io.sedna4j.backend.tfjs;

import com.google.protobuf.ByteString;
import io.sedna4j.backend.tfjs.ModelJson.WeightGroup;
import io.sedna4j.backend.tfjs.ModelJson.WeightSpec;
import io.sedna4j.lib.LibException;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Fills the empty Const nodes of a TF.js topology from the weight shards. The converter stores weights little-endian,
 * back to back, often quantised (float16, or uint8/uint16 as {@code min + scale * q}); TensorFlow wants plain
 * float32/int32/int64 tensors, so each is dequantised here once, at load time.
 */
final class Weights {
    private Weights() {
    }

    /** Fills every Const node the manifest names; returns the number of shard bytes read. */
    static long fill(ModelJson model) {
        Map<String, NodeDef.Builder> nodes = new HashMap<>();
        for (NodeDef.Builder n : model.graph().getNodeBuilderList()) {
            nodes.put(n.getName(), n);
        }
        long total = 0;
        for (WeightGroup group : model.groups()) {
            ByteBuffer data = ByteBuffer.wrap(readShards(model.file(), group)).order(ByteOrder.LITTLE_ENDIAN);
            total += data.capacity();
            for (WeightSpec w : group.weights()) {
                NodeDef.Builder node = nodes.get(w.name());
                if (node == null) {
                    throw new LibException("TF.js model " + model.file() + ": weight '" + w.name()
                            + "' has no node in modelTopology; fix: the model.json and its .bin shards come from different models");
                }
                DataType want = node.getAttrOrDefault("dtype", AttrValue.getDefaultInstance()).getType();
                TensorProto tensor;
                try {
                    tensor = decode(w, data, want, model.file());
                } catch (BufferUnderflowException e) {
                    throw new LibException("TF.js model " + model.file() + ": the shards " + group.shards() + " end before weight '"
                            + w.name() + "'; they are truncated; fix: fetch the model again (bin/fetch-models)");
                }
                node.putAttr("value", AttrValue.newBuilder().setTensor(tensor).build());
                node.putAttr("dtype", AttrValue.newBuilder().setType(tensor.getDtype()).build());
            }
        }
        return total;
    }

    private static byte[] readShards(Path modelJson, WeightGroup group) {
        var out = new java.io.ByteArrayOutputStream();
        for (Path shard : group.shards()) {
            if (!Files.isRegularFile(shard)) {
                throw new LibException("TF.js model " + modelJson + " needs the weight shard " + shard
                        + ", which is missing; fix: keep the .bin files next to model.json (bin/fetch-models fetches both)");
            }
            try {
                out.write(Files.readAllBytes(shard));
            } catch (IOException e) {
                throw new LibException("TF.js weight shard " + shard + " cannot be read: " + e.getMessage()
                        + "; fix: check the file's permissions");
            }
        }
        return out.toByteArray();
    }

    static TensorProto decode(WeightSpec w, ByteBuffer in, DataType want, Path file) {
        DataType type = switch (w.dtype()) {
            case "float32" -> DataType.DT_FLOAT;
            // TF.js has no int64: the converter narrows it, the node's own dtype says to widen it back (NanoDet's SparseToDense)
            case "int32" -> want == DataType.DT_INT64 ? DataType.DT_INT64 : DataType.DT_INT32;
            case "bool" -> DataType.DT_BOOL;
            default -> throw unsupported(w, w.dtype(), file);
        };
        int n = Math.toIntExact(w.count());
        int width = type == DataType.DT_BOOL ? 1 : type == DataType.DT_INT64 ? 8 : 4;
        ByteBuffer out = ByteBuffer.allocate(n * width).order(ByteOrder.LITTLE_ENDIAN);
        if (w.quantDtype() == null) {
            copy(in, out, type, n);
        } else {
            for (int i = 0; i < n; i++) {
                double v = switch (w.quantDtype()) {
                    case "float16" -> halfToFloat(in.getShort());
                    case "uint8" -> w.min() + w.scale() * (in.get() & 0xff);
                    case "uint16" -> w.min() + w.scale() * (in.getShort() & 0xffff);
                    default -> throw unsupported(w, "quantised " + w.quantDtype(), file);
                };
                put(out, type, v);
            }
        }
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : w.shape()) {
            shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
        }
        return TensorProto.newBuilder().setDtype(type).setTensorShape(shape)
                .setTensorContent(ByteString.copyFrom(out.array())).build();
    }

    private static void copy(ByteBuffer in, ByteBuffer out, DataType type, int n) {
        for (int i = 0; i < n; i++) {
            switch (type) {
                case DT_FLOAT -> out.putFloat(in.getFloat());
                case DT_INT64 -> out.putLong(in.getInt());
                case DT_BOOL -> out.put(in.get());
                default -> out.putInt(in.getInt());
            }
        }
    }

    private static void put(ByteBuffer out, DataType type, double v) {
        switch (type) {
            case DT_FLOAT -> out.putFloat((float) v);
            case DT_INT64 -> out.putLong(Math.round(v));
            case DT_BOOL -> out.put((byte) (v != 0 ? 1 : 0));
            default -> out.putInt((int) Math.round(v));
        }
    }

    private static LibException unsupported(WeightSpec w, String dtype, Path file) {
        return new LibException("TF.js model " + file + ": weight '" + w.name() + "' is stored as " + dtype
                + ", which this loader does not read (it reads float32, int32, bool, and float16/uint8/uint16 quantisation)"
                + "; fix: convert the model again without that dtype (e.g. --quantize_float16 instead of string constants)");
    }

    /** IEEE 754 half → float (Float.float16ToFloat needs Java 20). */
    static float halfToFloat(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float sub = mant * 0x1p-24f; // subnormal (or zero)
            return sign != 0 ? -sub : sub;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }
}
