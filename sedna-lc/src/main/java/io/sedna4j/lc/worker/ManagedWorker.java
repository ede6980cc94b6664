package io.sedna4j.lc.worker;

import io.sedna4j.api.link.WorkerPhase;
import io.sedna4j.api.link.WorkerSpec;
import io.sedna4j.api.link.WorkerStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

/** One worker's spec and where its runs stand. Touched only on the launcher's thread. */
final class ManagedWorker {
    final String key;
    final WorkerSpec spec;
    final Path log;
    WorkerPhase phase = WorkerPhase.Pending;
    int restarts;
    Integer exitCode;
    String message;
    String time = Instant.now().toString();

    Process process;
    /** Counts starts, so that the exit of an earlier run is told apart from the current one's. */
    int run;
    long startedNanos;
    /** Failed runs since the last healthy one, against {@code backoffLimit}. */
    int failures;
    int backoffStep;
    /** Stopped on purpose (worker/stop, a new spec, the LC closing): its exit is not a failure. */
    boolean retired;
    ScheduledFuture<?> restart;

    ManagedWorker(String key, WorkerSpec spec, Path log) {
        this.key = key;
        this.spec = spec;
        this.log = log;
    }

    WorkerStatus status(String node) {
        return new WorkerStatus(spec.name(), spec.owner(), node, phase, restarts, exitCode, message, time);
    }

    String restartPolicy() {
        if (spec.restartPolicy() != null) {
            return spec.restartPolicy();
        }
        if (spec.template() != null && spec.template().spec != null && spec.template().spec.restartPolicy != null) {
            return spec.template().spec.restartPolicy;
        }
        return "Always";
    }

    @Override
    public String toString() {
        return key;
    }
}
