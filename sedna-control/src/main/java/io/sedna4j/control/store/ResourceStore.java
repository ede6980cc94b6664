package io.sedna4j.control.store;

import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.control.ControlException;
import io.sedna4j.control.Subscription;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where resources live, with Kubernetes' semantics: a store-wide increasing {@code resourceVersion} on every
 * write, optimistic concurrency, {@code generation} counting spec changes, and a watch. Standalone it is SQLite;
 * on Kubernetes, custom resources. Every method returns copies: callers may change what they get.
 */
public interface ResourceStore {

    Optional<Resource<?, ?>> get(Kind kind, String namespace, String name);

    /** Resources of a kind, in one namespace or, with {@code namespace == null}, in all; ordered by namespace, name. */
    List<Resource<?, ?>> list(Kind kind, String namespace);

    /**
     * Stores a new resource, setting uid, resourceVersion, generation 1 and creationTimestamp. Its status is
     * dropped: status is written only through {@link #updateStatus}.
     *
     * @throws ControlException ALREADY_EXISTS
     */
    Resource<?, ?> create(Resource<?, ?> resource);

    /**
     * Replaces metadata (labels, annotations) and spec, keeping status. With a resourceVersion it must match the
     * stored one; without, the write wins. Generation goes up when the spec changed.
     *
     * @throws ControlException NOT_FOUND, CONFLICT
     */
    Resource<?, ?> update(Resource<?, ?> resource);

    /**
     * Replaces status only. With a resourceVersion it must match the stored one.
     *
     * @throws ControlException NOT_FOUND, CONFLICT
     */
    Resource<?, ?> updateStatus(Resource<?, ?> resource);

    /** Deletes and returns the resource, or empty if there was none. */
    Optional<Resource<?, ?>> delete(Kind kind, String namespace, String name);

    /** Every change from now on, in order, on one thread per subscription. */
    Subscription watch(Consumer<WatchEvent> listener);
}
