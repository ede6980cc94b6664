package io.sedna4j.backend.onnx;

import ai.onnxruntime.MapInfo;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.SequenceInfo;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import io.sedna4j.lib.LibException;
import io.sedna4j.lib.estimator.NamedTensors;
import io.sedna4j.lib.estimator.NamedTensors.Tensor;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One ONNX Runtime session over one model file, with the model's declared inputs and outputs. */
final class LoadedModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoadedModel.class);

    final Path file;
    final List<TensorSpec> inputs;
    final List<TensorSpec> outputs;
    private final OrtSession session;
    /** Outputs returned as tensors; sequences and maps (e.g. scikit-learn's ZipMap) are not requested. */
    private final Set<String> tensorOutputs = new LinkedHashSet<>();

    private LoadedModel(Path file, OrtSession session) throws OrtException {
        this.file = file;
        this.session = session;
        this.inputs = specs(session.getInputInfo());
        this.outputs = specs(session.getOutputInfo());
        for (TensorSpec output : outputs) {
            if (output.isTensor() && !"string".equals(output.type())) {
                tensorOutputs.add(output.name());
            } else {
                LOG.warn("Output {} of {} is a {}, not a numeric tensor; it is not returned", output.name(), file,
                        output.type());
            }
        }
    }

    static LoadedModel open(Path file, OnnxOptions options) {
        OrtEnvironment env = environment();
        try (OrtSession.SessionOptions sessionOptions = options.toSessionOptions()) {
            // by path, not bytes: ONNX Runtime then finds external weight files next to the model
            return new LoadedModel(file, env.createSession(file.toString(), sessionOptions));
        } catch (OrtException e) {
            String reason = String.valueOf(e.getMessage());
            if (reason.contains("Protobuf parsing failed") || reason.contains("INVALID_PROTOBUF")) {
                throw new LibException("model file " + file + " is not an ONNX model (ONNX Runtime " + env.getVersion()
                        + " could not parse it); fix: give a .onnx file exported with e.g. torch.onnx.export, "
                        + "and check that the download is complete", e);
            }
            throw new LibException("ONNX Runtime " + env.getVersion() + " could not load model " + file + ": " + reason
                    + "; fix: re-export the model with an older opset (e.g. 17) and standard operators, "
                    + "or check that its external weight files sit next to it", e);
        }
    }

    static OrtEnvironment environment() {
        try {
            return OrtEnvironment.getEnvironment();
        } catch (LinkageError e) {
            throw new LibException("ONNX Runtime's native library could not load: " + e
                    + "; fix: run on linux-x86_64, macOS or Windows with com.microsoft.onnxruntime:onnxruntime on the "
                    + "class path, and a writable java.io.tmpdir (it unpacks there)", e);
        }
    }

    /** Runs the model on float32 tensors already checked against {@link #inputs}. Safe from many threads. */
    NamedTensors run(Map<String, Tensor> feed) throws OrtException {
        OrtEnvironment env = environment();
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Tensor> entry : feed.entrySet()) {
                Tensor tensor = entry.getValue();
                tensors.put(entry.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(tensor.values()),
                        tensor.shape()));
            }
            try (OrtSession.Result result = session.run(tensors, tensorOutputs)) {
                Map<String, Tensor> out = new LinkedHashMap<>();
                for (String name : tensorOutputs) {
                    OnnxValue value = result.get(name).orElseThrow();
                    out.put(name, toTensor(name, (OnnxTensor) value));
                }
                return new NamedTensors(out);
            }
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            LOG.warn("Closing the ONNX Runtime session of {} failed: {}", file, e.getMessage());
        }
    }

    /** Numeric outputs become float32, as {@link NamedTensors} holds; int64 beyond 2^24 loses precision. */
    private Tensor toTensor(String name, OnnxTensor tensor) {
        TensorInfo info = tensor.getInfo();
        long[] shape = info.getShape();
        float[] values = new float[Math.toIntExact(info.getNumElements())];
        switch (info.type) {
            case FLOAT, FLOAT16, BFLOAT16 -> tensor.getFloatBuffer().get(values);
            case DOUBLE -> {
                DoubleBuffer b = tensor.getDoubleBuffer();
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) b.get(i);
                }
            }
            case INT64 -> {
                LongBuffer b = tensor.getLongBuffer();
                for (int i = 0; i < values.length; i++) {
                    values[i] = b.get(i);
                }
            }
            case INT32 -> {
                IntBuffer b = tensor.getIntBuffer();
                for (int i = 0; i < values.length; i++) {
                    values[i] = b.get(i);
                }
            }
            case INT16 -> {
                ShortBuffer b = tensor.getShortBuffer();
                for (int i = 0; i < values.length; i++) {
                    values[i] = b.get(i);
                }
            }
            case INT8, UINT8, BOOL -> {
                ByteBuffer b = tensor.getByteBuffer();
                boolean signed = info.type == ai.onnxruntime.OnnxJavaType.INT8;
                for (int i = 0; i < values.length; i++) {
                    values[i] = signed ? b.get(i) : b.get(i) & 0xFF;
                }
            }
            default -> throw new LibException("output " + name + " of " + file + " has element type " + info.type
                    + ", which Sedna4J cannot return as float32; fix: cast it to float in the model");
        }
        return new Tensor(shape, values);
    }

    private static List<TensorSpec> specs(Map<String, NodeInfo> infos) {
        List<TensorSpec> specs = new ArrayList<>();
        for (NodeInfo node : infos.values()) {
            specs.add(spec(node.getName(), node.getInfo()));
        }
        return List.copyOf(specs);
    }

    private static TensorSpec spec(String name, ValueInfo info) {
        if (info instanceof TensorInfo tensor) {
            String[] dimNames = tensor.getDimensionNames();
            return new TensorSpec(name, typeName(tensor.onnxType), tensor.getShape(),
                    dimNames == null ? new String[0] : dimNames);
        }
        String kind = info instanceof SequenceInfo ? "sequence" : info instanceof MapInfo ? "map" : "unknown";
        return new TensorSpec(name, kind, new long[0], new String[0]);
    }

    /** ONNX's own spelling of element types, as a user sees them in Netron: float32, int64, … */
    private static String typeName(TensorInfo.OnnxTensorType type) {
        return switch (type) {
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT -> "float32";
            case ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE -> "float64";
            default -> type.name().substring("ONNX_TENSOR_ELEMENT_DATA_TYPE_".length()).toLowerCase(Locale.ROOT);
        };
    }
}
