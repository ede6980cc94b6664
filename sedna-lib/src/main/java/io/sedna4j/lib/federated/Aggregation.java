package io.sedna4j.lib.federated;

import io.sedna4j.lib.WorkerContext;
import io.sedna4j.lib.algorithm.AlgorithmRegistry;
import io.sedna4j.lib.algorithm.AlgorithmType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the aggregation worker combines the clients' weights: Sedna's {@code ClassType.FL_AGG}, chosen by the
 * aggregation worker's {@code aggregation_algorithm} and configured by environment variables named as its
 * parameters ({@code mu=0.01}). The server sends {@link #clientParameters()} to the clients with every round, so
 * what a client must do (FedProx's proximal term, masking, clipping and noise) is configured in one place.
 */
public interface Aggregation {

    AlgorithmType<Aggregation> TYPE = AlgorithmType.of(AlgorithmType.AGGREGATION, Aggregation.class,
            "the aggregation worker's environment (aggregation_algorithm and its parameters)");

    /** The algorithm the aggregation worker's environment names (FedAvg when unset, as in Sedna's examples). */
    static Aggregation fromContext(WorkerContext context) {
        String name = context.parameter("aggregation_algorithm", FedAvg.NAME);
        AlgorithmRegistry registry = AlgorithmRegistry.standard();
        Map<String, String> parameters = new LinkedHashMap<>();
        var accepted = registry.factory(TYPE, name).parameters();
        for (String p : accepted == null ? java.util.List.<String>of() : accepted) {
            context.parameter(p).ifPresent(v -> parameters.put(p, v));
        }
        return registry.create(TYPE, name, parameters);
    }

    /** Sedna's name, e.g. {@code FedAvg}. */
    String name();

    /** Whether clients mask their updates so that the server learns only the sum (secure aggregation). */
    default boolean secure() {
        return false;
    }

    /** FedProx's proximal coefficient for the clients' training; 0 for none. */
    default double mu() {
        return 0;
    }

    /** Clipping and noise the clients apply to their updates. */
    default DifferentialPrivacy privacy() {
        return DifferentialPrivacy.NONE;
    }

    /** What the clients must know to take part, sent with every round. */
    default Map<String, String> clientParameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("aggregation", name());
        p.put("secure", String.valueOf(secure()));
        if (mu() > 0) {
            p.put("mu", String.valueOf(mu()));
        }
        p.putAll(privacy().asParameters());
        return p;
    }
}
