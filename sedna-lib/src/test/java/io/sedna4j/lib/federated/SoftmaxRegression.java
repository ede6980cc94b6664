package io.sedna4j.lib.federated;

import io.sedna4j.lib.estimator.Estimator;
import io.sedna4j.lib.estimator.Example;
import io.sedna4j.lib.estimator.NamedTensors;
import io.sedna4j.lib.estimator.NamedTensors.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A real, small trainable model for protocol tests: multinomial logistic regression by SGD, in plain Java. */
class SoftmaxRegression implements Estimator<float[], float[]> {
    private final int features;
    private final int classes;
    private float[] w;
    private float[] b;
    private final Random random;

    SoftmaxRegression(int features, int classes, long seed) {
        this.features = features;
        this.classes = classes;
        this.w = new float[features * classes];
        this.b = new float[classes];
        this.random = new Random(seed);
    }

    /** Gaussian blobs: class c centred at 3·e_c, standard deviation 1. */
    static List<Example<float[]>> blobs(int n, int features, int classes, long seed) {
        Random r = new Random(seed);
        List<Example<float[]>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int label = r.nextInt(classes);
            float[] x = new float[features];
            for (int d = 0; d < features; d++) {
                x[d] = (d == label ? 3f : 0f) + (float) r.nextGaussian();
            }
            out.add(new Example<>(x, label));
        }
        return out;
    }

    @Override
    public void load(Path model) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Path> save(Path target) {
        return List.of();
    }

    @Override
    public float[] predict(float[] x) {
        float[] z = new float[classes];
        float max = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            z[c] = b[c];
            for (int d = 0; d < features; d++) {
                z[c] += w[c * features + d] * x[d];
            }
            max = Math.max(max, z[c]);
        }
        float sum = 0;
        for (int c = 0; c < classes; c++) {
            z[c] = (float) Math.exp(z[c] - max);
            sum += z[c];
        }
        for (int c = 0; c < classes; c++) {
            z[c] /= sum;
        }
        return z;
    }

    @Override
    public Map<String, Double> train(List<Example<float[]>> train, List<Example<float[]>> validation,
                                     Map<String, String> parameters) {
        float lr = Float.parseFloat(parameters.getOrDefault("learning_rate", "0.05"));
        List<Example<float[]>> order = new ArrayList<>(train);
        Collections.shuffle(order, random);
        for (Example<float[]> e : order) {
            float[] p = predict(e.input());
            for (int c = 0; c < classes; c++) {
                float g = p[c] - (c == e.label() ? 1 : 0);
                b[c] -= lr * g;
                for (int d = 0; d < features; d++) {
                    w[c * features + d] -= lr * g * e.input()[d];
                }
            }
        }
        Map<String, Double> m = new LinkedHashMap<>(evaluate(train));
        m.put("mu", Double.parseDouble(parameters.getOrDefault("mu", "0")));
        return m;
    }

    @Override
    public Map<String, Double> evaluate(List<Example<float[]>> data) {
        int correct = 0;
        for (Example<float[]> e : data) {
            float[] p = predict(e.input());
            int best = 0;
            for (int c = 1; c < classes; c++) {
                best = p[c] > p[best] ? c : best;
            }
            correct += best == e.label() ? 1 : 0;
        }
        return Map.of("accuracy", correct / (double) data.size());
    }

    @Override
    public NamedTensors weights() {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("w", new Tensor(new long[] {classes, features}, w.clone()));
        t.put("b", new Tensor(new long[] {classes}, b.clone()));
        return new NamedTensors(t);
    }

    @Override
    public void setWeights(NamedTensors weights) {
        w = weights.tensors().get("w").values().clone();
        b = weights.tensors().get("b").values().clone();
    }
}
