package io.sedna4j.bench.jointinference;

import io.sedna4j.lib.estimator.Estimator;
import io.sedna4j.lib.estimator.Example;
import io.sedna4j.lib.estimator.NamedTensors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The vector estimator over raw little-endian float32 bytes: the {@code Codec.bytes()} wire format. */
final class BytesEstimator implements Estimator<byte[], byte[]> {
    private final VectorEstimator vectors;

    BytesEstimator(VectorEstimator vectors) {
        this.vectors = vectors;
    }

    static byte[] bytes(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    static float[] floats(byte[] bytes) {
        float[] values = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    @Override
    public byte[] predict(byte[] input) {
        return bytes(vectors.predict(floats(input)));
    }

    @Override
    public boolean isThreadSafe() {
        return vectors.isThreadSafe();
    }

    @Override
    public void load(Path model) {
        vectors.load(model);
    }

    @Override
    public List<Path> save(Path target) {
        return vectors.save(target);
    }

    @Override
    public Map<String, Double> train(List<Example<byte[]>> train, List<Example<byte[]>> validation,
            Map<String, String> parameters) {
        throw new UnsupportedOperationException("inference only");
    }

    @Override
    public Map<String, Double> evaluate(List<Example<byte[]>> data) {
        throw new UnsupportedOperationException("inference only");
    }

    @Override
    public NamedTensors weights() {
        return vectors.weights();
    }

    @Override
    public void setWeights(NamedTensors weights) {
        vectors.setWeights(weights);
    }
}
