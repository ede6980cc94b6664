package io.sedna4j.lib.algorithm;

import java.util.Objects;

/**
 * A family of algorithms, Sedna's {@code ClassType}: its registry name, the interface its members implement, how
 * names are matched, and where a manifest sets their parameters (for error messages). Two types with the same name
 * are the same type.
 *
 * @param name       Sedna's registry string, e.g. {@code hard_example_mining}, {@code aggregation}
 * @param api        the interface every algorithm of the family implements
 * @param ignoreCase match names ignoring case; Sedna does so for aggregation (Plato writes "mistnet" for MistNet)
 * @param configured where users set the parameters, e.g. {@code hardExampleMining.parameters (HEM_PARAMETERS)}
 */
public record AlgorithmType<T>(String name, Class<T> api, boolean ignoreCase, String configured) {

    public AlgorithmType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(api, "api");
    }

    /** Sedna's aggregation family is matched ignoring case; modules that define it should use this name. */
    public static final String AGGREGATION = "aggregation";

    /** A family matched exactly, except {@value #AGGREGATION}, which Sedna matches ignoring case. */
    public static <T> AlgorithmType<T> of(String name, Class<T> api, String configured) {
        return new AlgorithmType<>(name, api, AGGREGATION.equals(name), configured);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AlgorithmType<?> t && t.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
