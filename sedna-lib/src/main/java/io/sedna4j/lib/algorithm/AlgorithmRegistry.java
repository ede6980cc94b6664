package io.sedna4j.lib.algorithm;

import io.sedna4j.api.schema.Names;
import io.sedna4j.lib.LibException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Algorithms by family and name, Sedna's {@code ClassFactory}: filled from every {@link AlgorithmProvider} on the
 * class path, so a user adds an algorithm by dropping a jar. Names are matched exactly (as Sedna's dict does), except
 * in families that {@link AlgorithmType#ignoreCase() ignore case}. Two providers giving one name is an error: which
 * one would win would depend on the class path order.
 */
public final class AlgorithmRegistry {
    private static volatile AlgorithmRegistry standard;

    /** type name → algorithm name → factory, in registration order. */
    private final Map<String, Map<String, Registered>> byType = new LinkedHashMap<>();

    private record Registered(AlgorithmFactory<?> factory, String provider) {
    }

    private AlgorithmRegistry() {
    }

    /** The registry of the context class loader, built once. */
    public static AlgorithmRegistry standard() {
        AlgorithmRegistry r = standard;
        if (r == null) {
            synchronized (AlgorithmRegistry.class) {
                if (standard == null) {
                    ClassLoader loader = Thread.currentThread().getContextClassLoader();
                    standard = load(loader != null ? loader : AlgorithmRegistry.class.getClassLoader());
                }
                r = standard;
            }
        }
        return r;
    }

    /** A registry of the providers {@code loader} sees. */
    public static AlgorithmRegistry load(ClassLoader loader) {
        AlgorithmRegistry registry = new AlgorithmRegistry();
        Iterator<AlgorithmProvider> it = ServiceLoader.load(AlgorithmProvider.class, loader).iterator();
        while (true) {
            AlgorithmProvider provider;
            try {
                if (!it.hasNext()) {
                    break;
                }
                provider = it.next();
            } catch (ServiceConfigurationError e) {
                throw new LibException("an algorithm provider on the class path cannot be loaded: " + e.getMessage()
                        + "; fix: check META-INF/services/" + AlgorithmProvider.class.getName()
                        + " in the jar that lists it, and that the class has a public no-argument constructor", e);
            }
            for (AlgorithmFactory<?> factory : provider.algorithms()) {
                registry.add(factory, provider.getClass().getName());
            }
        }
        return registry;
    }

    /** A registry of exactly these providers (tests, embedding). */
    public static AlgorithmRegistry of(AlgorithmProvider... providers) {
        AlgorithmRegistry registry = new AlgorithmRegistry();
        for (AlgorithmProvider provider : providers) {
            for (AlgorithmFactory<?> factory : provider.algorithms()) {
                registry.add(factory, provider.getClass().getName());
            }
        }
        return registry;
    }

    private void add(AlgorithmFactory<?> factory, String provider) {
        Map<String, Registered> names = byType.computeIfAbsent(factory.type().name(), t -> new LinkedHashMap<>());
        String key = key(factory.type(), factory.name());
        Registered existing = names.get(key);
        if (existing != null) {
            throw new LibException(factory.type() + " algorithm \"" + factory.name() + "\" is registered twice, by "
                    + existing.provider() + " and by " + provider + "; fix: remove one of the jars or rename one");
        }
        names.put(key, new Registered(factory, provider));
    }

    private static String key(AlgorithmType<?> type, String name) {
        return type.ignoreCase() ? name.toLowerCase(Locale.ROOT) : name;
    }

    /** The names of a family, in registration order. */
    public List<String> names(AlgorithmType<?> type) {
        List<String> names = new ArrayList<>();
        byType.getOrDefault(type.name(), Map.of()).values().forEach(r -> names.add(r.factory().name()));
        return names;
    }

    /** The factory for {@code name}; an unknown name fails with the known ones and a suggestion. */
    @SuppressWarnings("unchecked")
    public <T> AlgorithmFactory<T> factory(AlgorithmType<T> type, String name) {
        Registered r = name == null ? null : byType.getOrDefault(type.name(), Map.of()).get(key(type, name.trim()));
        if (r == null) {
            List<String> known = names(type);
            throw new LibException("unknown " + type.name() + " algorithm \"" + name + "\""
                    + (type.configured() == null ? "" : " in " + type.configured())
                    + "; fix: use one of " + (known.isEmpty() ? "(none registered)" : String.join(", ", known))
                    + (name == null ? "" : Names.didYouMean(name, known))
                    + ", or add a jar that provides it");
        }
        if (!r.factory().type().api().equals(type.api())) {
            throw new LibException(type.name() + " algorithm \"" + name + "\" from " + r.provider() + " implements "
                    + r.factory().type().api().getName() + ", not " + type.api().getName()
                    + "; fix: register it with the family's interface");
        }
        return (AlgorithmFactory<T>) r.factory();
    }

    /**
     * An instance of {@code name} made with {@code parameters}. A parameter the algorithm does not take is an error
     * (as a Python keyword argument would be), with the ones it takes.
     */
    public <T> T create(AlgorithmType<T> type, String name, Map<String, String> parameters) {
        AlgorithmFactory<T> factory = factory(type, name);
        List<String> accepted = factory.parameters();
        if (accepted != null) {
            for (String key : parameters.keySet()) {
                if (!accepted.contains(key)) {
                    throw new LibException(type.name() + " algorithm \"" + factory.name() + "\" takes no parameter \""
                            + key + "\"" + (type.configured() == null ? "" : " (" + type.configured() + ")")
                            + "; fix: " + (accepted.isEmpty() ? "remove the parameters"
                            : "its parameters are " + String.join(", ", accepted)
                            + Names.didYouMean(key, accepted)));
                }
            }
        }
        T algorithm = factory.create().apply(new Parameters(factory.name(), type.configured(), parameters));
        return type.api().cast(algorithm);
    }
}
