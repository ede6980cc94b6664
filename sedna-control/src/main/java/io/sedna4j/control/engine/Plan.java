package io.sedna4j.control.engine;

import io.sedna4j.api.link.WorkerSpec;
import java.time.Duration;
import java.util.List;

/**
 * What a controller wants: exactly these workers for the resource, and optionally another look after a while
 * (e.g. to retry a placement on a node that is not ready).
 *
 * @param requeueAfter null for none
 */
public record Plan(List<WorkerSpec> workers, Duration requeueAfter) {
    public static Plan of(List<WorkerSpec> workers) {
        return new Plan(workers, null);
    }

    public static Plan none() {
        return new Plan(List.of(), null);
    }
}
