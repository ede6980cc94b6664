package io.sedna4j.vision.reid;

import io.sedna4j.lib.LibException;

/** Vector helpers for features: L2 normalisation and cosine similarity. */
public final class Features {
    private Features() {
    }

    /** The cosine similarity of two L2-normalised features: their dot product, from -1 to 1. */
    public static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new LibException("cannot compare a " + a.length + "-d feature with a " + b.length + "-d one; fix: "
                    + "extract the query and the candidates with the same feature extractor");
        }
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    /** Scales {@code v} to unit length in place (a zero vector stays zero) and returns it. */
    public static float[] normalize(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        if (sum > 0) {
            float inv = (float) (1 / Math.sqrt(sum));
            for (int i = 0; i < v.length; i++) {
                v[i] *= inv;
            }
        }
        return v;
    }

    /** The normalised mean of several features of one length. */
    public static float[] mean(java.util.List<float[]> features) {
        float[] sum = new float[features.get(0).length];
        for (float[] f : features) {
            if (f.length != sum.length) {
                throw new LibException("query features differ in length (" + sum.length + " and " + f.length
                        + "); fix: extract every query image with the same feature extractor");
            }
            for (int i = 0; i < sum.length; i++) {
                sum[i] += f[i];
            }
        }
        return normalize(sum);
    }
}
