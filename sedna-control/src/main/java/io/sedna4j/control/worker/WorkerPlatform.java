package io.sedna4j.control.worker;

import io.sedna4j.api.link.Owner;
import io.sedna4j.api.link.WorkerSpec;
import io.sedna4j.api.link.WorkerStatus;
import io.sedna4j.control.Subscription;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs workers. Standalone, the GM asks each node's Local Controller to run processes; on Kubernetes, workers are
 * Pods. Controllers never call it: the reconcile engine applies what they plan.
 */
public interface WorkerPlatform {

    /**
     * Makes the owner's workers exactly {@code workers}: starts the missing ones, replaces those whose spec
     * changed, stops the others. Idempotent; an empty list stops them all. Returns at once; progress shows in
     * {@link #workers} and through {@link #onChange}.
     */
    void apply(Owner owner, List<WorkerSpec> workers);

    /** The last known status of the owner's workers (matched by kind, namespace and name). */
    List<WorkerStatus> workers(Owner owner);

    /** Every worker status change, e.g. to requeue the owner. */
    Subscription onChange(Consumer<WorkerStatus> listener);
}
