package io.sedna4j.api.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The algorithms a manifest may name, by family, with the parameters each accepts (Sedna's names and spelling).
 * Workers look algorithms up by these names; the validator uses this catalog to catch a wrong name or parameter
 * before anything runs.
 */
public enum Algorithms {
    /** Selected by {@code hardExampleMining.name}; every parameter is a fraction from 0 to 1. */
    HARD_EXAMPLE_MINING(entries(
            "IBT", List.of("threshold_img", "threshold_box"),
            "CrossEntropy", List.of("threshold_cross_entropy"),
            "Threshold", List.of("threshold"),
            "Random", List.of("random_ratio"),
            "EdgeOnly", List.of(),
            "CloudOnly", List.of())),
    /**
     * Selected by the aggregation worker's {@code aggregation_algorithm} environment variable; parameters are
     * environment variables of the same worker. FedAvg and FedProx run in Sedna4J (secure aggregation and
     * differential privacy are their options); MistNet is Sedna's Plato-based split learning and is not built in.
     */
    AGGREGATION(entries(
            "FedAvg", List.of("secure_aggregation", "clip_norm", "noise_multiplier"),
            "FedProx", List.of("mu", "secure_aggregation", "clip_norm", "noise_multiplier"),
            "MistNet", List.of("cut_layer", "epsilon")));

    /** The environment variable of a federated learning aggregation worker that names its algorithm. */
    public static final String AGGREGATION_ENV = "aggregation_algorithm";

    private final Map<String, List<String>> parameters;

    Algorithms(Map<String, List<String>> parameters) {
        this.parameters = parameters;
    }

    public List<String> names() {
        return new ArrayList<>(parameters.keySet());
    }

    /** The catalog's spelling of {@code name}, matched ignoring case (Sedna's Plato runtime writes "mistnet"). */
    public String canonical(String name) {
        return parameters.keySet().stream().filter(n -> n.equalsIgnoreCase(name)).findFirst().orElse(null);
    }

    /** The parameters that algorithm {@code name} accepts, or {@code null} if the name is unknown. */
    public List<String> parameters(String name) {
        return parameters.get(name);
    }

    private static Map<String, List<String>> entries(Object... pairs) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> params = (List<String>) pairs[i + 1];
            map.put((String) pairs[i], params);
        }
        return map;
    }
}
