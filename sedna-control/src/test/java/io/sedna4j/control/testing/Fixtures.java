package io.sedna4j.control.testing;

import io.sedna4j.api.Manifest;
import io.sedna4j.api.link.WorkerPhase;
import io.sedna4j.api.link.WorkerSpec;
import io.sedna4j.api.link.WorkerStatus;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.control.engine.Observed;
import io.sedna4j.control.node.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Inputs for controller tests: the repository's example manifests, nodes, and what a controller observes. */
public final class Fixtures {
    public static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private Fixtures() {
    }

    /** The resources of {@code examples/<name>/<name>.yaml}, as stored (uid, generation 1, resourceVersion 1). */
    public static List<Resource<?, ?>> example(String name) {
        Path file = Path.of("..", "examples", name, name + ".yaml");
        if (!Files.exists(file)) {
            file = Path.of("examples", name, name + ".yaml");
        }
        List<Resource<?, ?>> resources = Manifest.read(file).resourcesOrThrow();
        resources.forEach(Fixtures::stored);
        return resources;
    }

    /** Resources from YAML text, as stored. */
    public static List<Resource<?, ?>> parse(String yaml) {
        List<Resource<?, ?>> resources = Manifest.parse("test.yaml", yaml).resourcesOrThrow();
        resources.forEach(Fixtures::stored);
        return resources;
    }

    public static <T> T first(List<Resource<?, ?>> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " in " + resources));
    }

    private static void stored(Resource<?, ?> r) {
        r.metadata.namespace = r.metadata.namespaceOrDefault();
        r.metadata.uid = "uid-" + r.metadata.name;
        r.metadata.generation = 1L;
        r.metadata.resourceVersion = "1";
    }

    /** What a controller sees: the given workers and nodes, {@code refs} found by kind, namespace and name. */
    public static Observed observed(List<WorkerStatus> workers, List<Node> nodes, List<Resource<?, ?>> refs) {
        Map<String, Resource<?, ?>> byKey = new TreeMap<>();
        refs.forEach(r -> byKey.put(r.key(), r));
        return new Observed(workers, nodes, new Observed.References() {
            @Override
            public Optional<Resource<?, ?>> get(Kind kind, String ns, String name) {
                return Optional.ofNullable(byKey.get(kind.kindName() + "/" + ns + "/" + name));
            }

            @Override
            public List<Resource<?, ?>> list(Kind kind, String ns) {
                String prefix = kind.kindName() + "/" + ns + "/";
                return byKey.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).map(Map.Entry::getValue)
                        .toList();
            }
        }, NOW);
    }

    /** The cloud, edge-1 and edge-2, all ready. */
    public static List<Node> nodes() {
        return FakeNodes.standard().nodes();
    }

    /** Statuses of {@code planned} workers, all in {@code phase}. */
    public static List<WorkerStatus> all(List<WorkerSpec> planned, WorkerPhase phase) {
        List<WorkerStatus> out = new ArrayList<>();
        planned.forEach(w -> out.add(status(w, phase, 0, null)));
        return out;
    }

    public static WorkerStatus status(WorkerSpec w, WorkerPhase phase, int restarts, String message) {
        return new WorkerStatus(w.name(), w.owner(), w.node(), phase, restarts, null, message, null);
    }

    /** A container's environment as a map (last value wins, as for a process). */
    public static Map<String, String> env(WorkerSpec w) {
        Map<String, String> env = new TreeMap<>();
        w.template().spec.containers.get(0).env.forEach(v -> env.put(v.name, v.value));
        return env;
    }
}
