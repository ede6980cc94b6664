package io.sedna4j.lib.federated;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.algorithm.Parameters;
import io.sedna4j.lib.estimator.NamedTensors;
import io.sedna4j.lib.estimator.NamedTensors.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Federated averaging (McMahan et al. 2017), Sedna's {@code FedAvg}: the new global model is the sample-weighted
 * mean of the clients' weights, {@code w = Σ_k (n_k / N) · w_k} with {@code N = Σ_k n_k}. With
 * {@code secure_aggregation=true} the clients mask their updates and the server computes the same mean from their
 * sum only ({@link SecureAggregation}); {@code clip_norm} and {@code noise_multiplier} add
 * {@link DifferentialPrivacy}.
 */
public class FedAvg implements Aggregation {
    public static final String NAME = "FedAvg";
    static final List<String> PARAMETERS = List.of("secure_aggregation", "clip_norm", "noise_multiplier");

    private final boolean secure;
    private final DifferentialPrivacy privacy;

    public FedAvg(boolean secure, DifferentialPrivacy privacy) {
        this.secure = secure;
        this.privacy = privacy;
    }

    public FedAvg() {
        this(false, DifferentialPrivacy.NONE);
    }

    static FedAvg create(Parameters p) {
        return new FedAvg(secure(p), DifferentialPrivacy.from(p));
    }

    static boolean secure(Parameters p) {
        String v = p.string("secure_aggregation").orElse("false").toLowerCase(java.util.Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new LibException("aggregation parameter secure_aggregation is \"" + v + "\"; fix: set it to true"
                    + " or false");
        }
        return v.equals("true");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean secure() {
        return secure;
    }

    @Override
    public DifferentialPrivacy privacy() {
        return privacy;
    }

    /**
     * The sample-weighted mean of the updates, folded one update at a time into float accumulators. Updates must
     * agree in names and shapes (the server checks that on arrival).
     */
    public static NamedTensors average(List<ClientUpdate> updates) {
        if (updates.isEmpty()) {
            throw new LibException("FedAvg of no updates; fix: aggregate at least one client's weights");
        }
        double total = 0;
        for (ClientUpdate u : updates) {
            total += u.samples();
        }
        Map<String, float[]> sums = new LinkedHashMap<>();
        for (ClientUpdate u : updates) {
            float weight = (float) (total > 0 ? u.samples() / total : 1.0 / updates.size());
            for (Map.Entry<String, Tensor> e : u.weights().tensors().entrySet()) {
                float[] x = e.getValue().values();
                fold(sums.computeIfAbsent(e.getKey(), k -> new float[x.length]), x, weight);
            }
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        updates.get(0).weights().tensors().forEach((name, t) -> out.put(name, new Tensor(t.shape(), sums.get(name))));
        return new NamedTensors(out);
    }

    /** {@code sum += weight · x}: the loop the JIT vectorises, and what the benchmark measures. */
    public static void fold(float[] sum, float[] x, float weight) {
        for (int i = 0; i < x.length; i++) {
            sum[i] += weight * x[i];
        }
    }

    @Override
    public String toString() {
        return name() + "(secure_aggregation=" + secure + ", clip_norm=" + privacy.clipNorm() + ", noise_multiplier="
                + privacy.noiseMultiplier() + (mu() > 0 ? ", mu=" + mu() : "") + ")";
    }
}
