package io.sedna4j.backend.pytorch;

import io.sedna4j.lib.estimator.Example;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Synthetic data sets that a small network separates in a few epochs. */
final class Datasets {
    private Datasets() {
    }

    /** Three Gaussian blobs in 4-D, centred at 2·e₀, 2·e₁ and 2·e₂, standard deviation 0.5. */
    static List<Example<float[]>> blobs(int n, long seed) {
        Random random = new Random(seed);
        List<Example<float[]>> examples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int label = i % 3;
            float[] x = new float[4];
            for (int d = 0; d < 4; d++) {
                x[d] = (d == label ? 2f : 0f) + (float) random.nextGaussian() * 0.5f;
            }
            examples.add(new Example<>(x, label));
        }
        return examples;
    }

    /** 1×8×8 noisy images: label 0 has a bright left half, label 1 a bright right half. */
    static List<Example<float[]>> halves(int n, long seed) {
        Random random = new Random(seed);
        List<Example<float[]>> examples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int label = i % 2;
            float[] image = new float[64];
            for (int row = 0; row < 8; row++) {
                for (int col = 0; col < 8; col++) {
                    boolean bright = label == 0 ? col < 4 : col >= 4;
                    image[row * 8 + col] = (bright ? 1f : 0f) + (float) random.nextGaussian() * 0.3f;
                }
            }
            examples.add(new Example<>(image, label));
        }
        return examples;
    }
}
