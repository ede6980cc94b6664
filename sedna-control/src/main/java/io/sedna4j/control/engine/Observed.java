package io.sedna4j.control.engine;

import io.sedna4j.api.link.WorkerStatus;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.control.node.Node;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a controller may know of the world when it reconciles one resource: that resource's workers, the nodes,
 * the resources it refers to, and the time. Built by the engine; read-only for controllers.
 */
public record Observed(List<WorkerStatus> workers, List<Node> nodes, References references, Instant now) {

    /** Looks up referred resources (Models, Datasets) in the store. */
    @FunctionalInterface
    public interface References {
        Optional<Resource<?, ?>> get(Kind kind, String namespace, String name);

        /**
         * Every resource of a kind in a namespace, for resources found by what is there rather than by name (the
         * receiver of a multi-edge inference topic). A resource of the kind created or changed there wakes the caller.
         */
        default List<Resource<?, ?>> list(Kind kind, String namespace) {
            return List.of();
        }
    }

    public Optional<Node> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }
}
