package io.sedna4j.lib.federated;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.algorithm.Parameters;
import io.sedna4j.lib.estimator.NamedTensors;
import io.sedna4j.lib.estimator.NamedTensors.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Clipping and Gaussian noise on a client's update (its weights minus the global model it started from), applied on
 * the client before the update leaves it. Each of {@code n} clients adds noise of standard deviation
 * {@code noiseMultiplier · clipNorm / √n}, so the sum carries {@code noiseMultiplier · clipNorm}: the Gaussian
 * mechanism on the sum with sensitivity {@code clipNorm} ("distributed" DP; with secure aggregation no single
 * update is ever seen unmasked). What (ε, δ) that gives over the rounds is for an accountant to compute; this class
 * does the mechanism only.
 *
 * @param clipNorm        largest L2 norm of an update (0: no clipping)
 * @param noiseMultiplier noise on the sum in units of clipNorm (0: no noise; needs clipNorm)
 */
public record DifferentialPrivacy(double clipNorm, double noiseMultiplier) {
    public static final DifferentialPrivacy NONE = new DifferentialPrivacy(0, 0);

    public DifferentialPrivacy {
        if (clipNorm < 0 || noiseMultiplier < 0) {
            throw new LibException("clip_norm " + clipNorm + " and noise_multiplier " + noiseMultiplier
                    + " must not be negative; fix: give 0 (off) or a positive number");
        }
        if (noiseMultiplier > 0 && clipNorm == 0) {
            throw new LibException("noise_multiplier " + noiseMultiplier + " needs clip_norm: the noise is scaled to"
                    + " the largest update; fix: set clip_norm too, e.g. 1.0");
        }
    }

    static DifferentialPrivacy from(Parameters p) {
        return new DifferentialPrivacy(p.number("clip_norm", 0), p.number("noise_multiplier", 0));
    }

    static DifferentialPrivacy from(Map<String, String> p) {
        return new DifferentialPrivacy(Double.parseDouble(p.getOrDefault("clip_norm", "0")),
                Double.parseDouble(p.getOrDefault("noise_multiplier", "0")));
    }

    public boolean enabled() {
        return clipNorm > 0;
    }

    Map<String, String> asParameters() {
        Map<String, String> p = new LinkedHashMap<>();
        if (enabled()) {
            p.put("clip_norm", String.valueOf(clipNorm));
            p.put("noise_multiplier", String.valueOf(noiseMultiplier));
        }
        return p;
    }

    /**
     * {@code global + clip(trained − global) + noise}; {@code trained} unchanged when off.
     *
     * @param clients how many clients share the noise of one round
     */
    public NamedTensors apply(NamedTensors global, NamedTensors trained, int clients, Random random) {
        if (!enabled() || global == null || global.tensors().isEmpty()) {
            return trained;
        }
        double squares = 0;
        for (var e : trained.tensors().entrySet()) {
            float[] t = e.getValue().values();
            float[] g = global.tensors().get(e.getKey()).values();
            for (int i = 0; i < t.length; i++) {
                double d = t[i] - g[i];
                squares += d * d;
            }
        }
        double scale = Math.min(1, clipNorm / Math.max(Math.sqrt(squares), 1e-12));
        double sigma = noiseMultiplier * clipNorm / Math.sqrt(Math.max(1, clients));
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (var e : trained.tensors().entrySet()) {
            float[] t = e.getValue().values();
            float[] g = global.tensors().get(e.getKey()).values();
            float[] v = new float[t.length];
            for (int i = 0; i < t.length; i++) {
                v[i] = (float) (g[i] + (t[i] - g[i]) * scale + (sigma > 0 ? random.nextGaussian() * sigma : 0));
            }
            out.put(e.getKey(), new Tensor(e.getValue().shape(), v));
        }
        return new NamedTensors(out);
    }
}
