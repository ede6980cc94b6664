package io.sedna4j.lib.algorithm;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Makes one named algorithm from its parameters.
 *
 * @param type       the family
 * @param name       the name manifests use, Sedna's spelling (e.g. {@code IBT})
 * @param parameters the parameter names it accepts; {@code null} accepts any (for algorithms that pass them on)
 * @param create     builds an instance; reads values through {@link Parameters}, which validates them
 */
public record AlgorithmFactory<T>(AlgorithmType<T> type, String name, List<String> parameters,
                                  Function<Parameters, ? extends T> create) {

    public AlgorithmFactory {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(create, "create");
        parameters = parameters == null ? null : List.copyOf(parameters);
    }

    public static <T> AlgorithmFactory<T> of(AlgorithmType<T> type, String name, List<String> parameters,
                                             Function<Parameters, ? extends T> create) {
        return new AlgorithmFactory<>(type, name, parameters, create);
    }
}
