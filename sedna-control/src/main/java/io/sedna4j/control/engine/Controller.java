package io.sedna4j.control.engine;

import io.sedna4j.api.link.UpstreamMessage;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.Resource;
import java.util.List;
import java.util.Set;

/**
 * The state machine of one Sedna kind. A controller does no I/O: from a resource and what is observed of the
 * cluster, it plans the workers and computes the status; the {@link ReconcileEngine} applies the plan and writes
 * the status. The same controllers run standalone and on Kubernetes.
 *
 * @param <R> the resource type
 */
public interface Controller<R extends Resource<?, ?>> {

    Kind kind();

    /**
     * Plans the resource's workers and updates its status in place. {@code resource} is a copy the controller
     * owns; the engine writes its status back if it changed.
     */
    Plan reconcile(R resource, Observed observed);

    /**
     * Folds a node's report about the resource (Sedna's upstream message) into its status, in place.
     *
     * @return whether the status changed
     */
    default boolean onUpstream(R resource, String node, UpstreamMessage message, Observed observed) {
        return false;
    }

    /**
     * Whether the nodes need the resource's status too, i.e. whether a status change is sent to them again.
     * Only learning jobs, whose Local Controller reads the current stage from the conditions; for the others a
     * resend on every status write would cost O(nodes × resource size) for nothing (docs/benchmarks.md).
     */
    default boolean edgeNeedsStatus() {
        return false;
    }

    /**
     * The nodes whose Local Controller needs the resource. The engine sends it as {@code insert} when it or this set
     * changes, and {@code delete} to nodes that leave the set or when the resource is deleted.
     */
    default Set<String> edgeNodes(R resource, Observed observed) {
        return Set.of();
    }

    /**
     * Resources the nodes of {@link #edgeNodes} need along with this one, e.g. the Models an incremental learning
     * job trains from and deploys to (Sedna sends them the same way). Sent as {@code insert} before the resource and
     * again when they change; never deleted, since other resources may share them.
     */
    default List<Resource<?, ?>> edgeReferences(R resource, Observed observed) {
        return List.of();
    }
}
