package io.sedna4j.api.link;

/** A worker's phase, as a Pod's. Succeeded and Failed are final for one run of the worker spec. */
public enum WorkerPhase {
    /** Accepted, not started yet (waiting for its node, or backing off before a restart). */
    Pending,
    Running,
    Succeeded,
    /** Exited with an error and will not be restarted (restart policy, or the backoff limit reached). */
    Failed;

    public boolean isFinal() {
        return this == Succeeded || this == Failed;
    }
}
