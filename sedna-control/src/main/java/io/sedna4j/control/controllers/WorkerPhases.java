package io.sedna4j.control.controllers;

import io.sedna4j.api.link.WorkerPhase;
import io.sedna4j.api.link.WorkerSpec;
import io.sedna4j.api.link.WorkerStatus;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.control.engine.Observed;
import java.util.ArrayList;
import java.util.List;

/**
 * The planned workers as observed: counts by phase, the first that failed for good, and those not started yet. A
 * status from an older generation of the resource does not count: that worker is being replaced.
 */
record WorkerPhases(int planned, int active, int succeeded, int failed, WorkerStatus firstFailed,
                    List<String> waiting, List<String> restarting) {

    static WorkerPhases of(Resource<?, ?> resource, List<WorkerSpec> planned, Observed observed) {
        long generation = resource.metadata.generation == null ? 1 : resource.metadata.generation;
        int active = 0;
        int succeeded = 0;
        int failed = 0;
        WorkerStatus firstFailed = null;
        List<String> waiting = new ArrayList<>();
        List<String> restarting = new ArrayList<>();
        for (WorkerSpec w : planned) {
            WorkerStatus s = current(w.name(), generation, observed);
            WorkerPhase phase = s == null || s.phase() == null ? WorkerPhase.Pending : s.phase();
            switch (phase) {
                case Succeeded -> succeeded++;
                case Failed -> {
                    failed++;
                    firstFailed = firstFailed == null ? s : firstFailed;
                }
                case Running -> active++;
                case Pending -> {
                    active++;
                    if (s != null && s.restarts() > 0) {
                        restarting.add(w.name() + " is restarting (" + s.restarts() + " restarts"
                                + (s.message() == null ? "" : ", last: " + s.message()) + ")");
                    } else {
                        waiting.add(w.name() + " on " + w.node());
                    }
                }
                default -> throw new IllegalStateException("unknown worker phase " + phase);
            }
        }
        return new WorkerPhases(planned.size(), active, succeeded, failed, firstFailed, List.copyOf(waiting),
                List.copyOf(restarting));
    }

    /** The worker's status if it reports on the resource's current generation (0 means the platform did not say). */
    static WorkerStatus current(String name, long generation, Observed observed) {
        for (WorkerStatus s : observed.workers()) {
            if (name.equals(s.name())) {
                long g = s.owner() == null ? 0 : s.owner().generation();
                return g == 0 || g >= generation ? s : null;
            }
        }
        return null;
    }

    /** Every planned worker has run (running, done, or restarting after a run) and none failed for good. */
    boolean allStarted() {
        return failed == 0 && waiting.isEmpty();
    }

    boolean allSucceeded() {
        return planned > 0 && succeeded == planned;
    }

    /** The condition message for the failed worker: which, where, why, and how to retry. */
    String failedMessage() {
        return failedMessage(firstFailed);
    }

    static String failedMessage(WorkerStatus s) {
        return "worker " + s.name() + " on node " + s.node() + " failed"
                + (s.restarts() > 0 ? " after " + s.restarts() + " restarts" : "")
                + (s.message() == null ? "" : ": " + s.message())
                + "; fix: read its log (sedna logs " + s.name() + "), correct the cause, then change the spec "
                + "(e.g. re-apply it with a change) to run it again";
    }

    /** What is still awaited, e.g. {@code waiting for workers: a on edge-1, b on cloud}. */
    String waitingMessage() {
        return "waiting for workers to start: " + String.join(", ", waiting);
    }
}
