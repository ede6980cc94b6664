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
     *
     * <p>The engine calls it on every reconcile (at least every resync period), mostly with unchanged specs, so
     * an unchanged worker must cost nothing and must not restart. Compare specs as JSON
     * ({@code ResourceCodec.json().valueToTree}): the model classes inside ({@code PodTemplateSpec}, …) have no
     * {@code equals}. A spec change includes {@code owner.generation}: a changed resource replaces all its workers,
     * which is how a failed worker is retried.
     */
    void apply(Owner owner, List<WorkerSpec> workers);

    /**
     * Every owner that has workers. The engine's resync stops the workers of owners that no longer exist, e.g.
     * resources deleted while the GM was down.
     */
    List<Owner> owners();

    /** The last known status of the owner's workers (matched by kind, namespace and name). */
    List<WorkerStatus> workers(Owner owner);

    /** Every worker status change, e.g. to requeue the owner. */
    Subscription onChange(Consumer<WorkerStatus> listener);
}
