package io.sedna4j.lib.federated;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.estimator.NamedTensors;
import io.sedna4j.lib.estimator.NamedTensors.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Weights as elements of the ring of 64-bit integers modulo 2^64, which is where secure aggregation adds: Java's
 * {@code long} arithmetic wraps exactly there, so masks added by one client and subtracted by another cancel bit for
 * bit, in any order. A client encodes {@code round(n · w · 2^24)} (its sample count times each weight, FedAvg's
 * numerator); the server decodes the sum and divides by the total sample count.
 */
public final class FixedPoint {
    /** Fractional bits: a resolution of 6·10^-8 on {@code n · w}. */
    public static final int FRACTION_BITS = 24;
    private static final double SCALE = 1L << FRACTION_BITS;
    /** Largest |n · w · 2^24| one client may encode: 2^53, exact in a double, and 1,000 of them fit in 2^63. */
    private static final double LIMIT = 0x1p53;

    private FixedPoint() {
    }

    /** {@code round(samples · w · 2^24)} of every weight; NaN, infinities and overflowing values are refused. */
    public static Map<String, long[]> encode(NamedTensors weights, long samples, String client) {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : weights.tensors().entrySet()) {
            float[] v = e.getValue().values();
            long[] x = new long[v.length];
            for (int i = 0; i < v.length; i++) {
                double scaled = (double) v[i] * samples * SCALE;
                if (!Double.isFinite(scaled) || Math.abs(scaled) >= LIMIT) {
                    throw new LibException("client " + client + ": weight " + e.getKey() + "[" + i + "] = " + v[i]
                            + (Double.isFinite(v[i]) ? " times " + samples + " samples is too large" : " is not finite")
                            + " for secure aggregation's fixed point; fix: lower the learning rate or clip the"
                            + " weights (clip_norm) so that training does not diverge");
                }
                x[i] = Math.round(scaled);
            }
            out.put(e.getKey(), x);
        }
        return out;
    }

    /** The weighted mean from the ring sum: {@code sum / 2^24 / totalSamples}, with the template's shapes. */
    public static NamedTensors decodeMean(Map<String, long[]> sum, long totalSamples, NamedTensors shapes) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        double divisor = SCALE * totalSamples;
        for (Map.Entry<String, Tensor> e : shapes.tensors().entrySet()) {
            long[] s = sum.get(e.getKey());
            float[] v = new float[s.length];
            for (int i = 0; i < s.length; i++) {
                v[i] = (float) (s[i] / divisor);
            }
            out.put(e.getKey(), new Tensor(e.getValue().shape(), v));
        }
        return new NamedTensors(out);
    }

    /** {@code sum += x} in the ring. */
    public static void add(long[] sum, long[] x) {
        for (int i = 0; i < x.length; i++) {
            sum[i] += x[i];
        }
    }
}
