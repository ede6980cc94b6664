package io.sedna4j.bench;

import io.sedna4j.control.engine.EngineMetrics;
import io.sedna4j.gm.GlobalManager;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.Supplier;

/** The reconcile engine's counters (reconciles, errors, queue depth) and its threads' CPU time. */
final class EngineProbe {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final Supplier<EngineMetrics> metrics;
    private long[] engineThreads;

    private EngineProbe(Supplier<EngineMetrics> metrics) {
        this.metrics = metrics;
    }

    static EngineProbe of(GlobalManager gm) {
        return new EngineProbe(gm::engineMetrics);
    }

    long reconciles() {
        return metrics.get().reconciles();
    }

    long errors() {
        return metrics.get().errors();
    }

    int queueDepth() {
        return metrics.get().queueDepth();
    }

    /**
     * Whether no reconcile is running: every engine thread ({@code sedna-reconcile-N}) waits for work in
     * {@code WorkQueue.take}. A reconcile in progress is in neither the queue depth nor the reconcile count, hence
     * this look at the threads' stacks.
     */
    boolean idle() {
        if (engineThreads == null) {
            engineThreads = Arrays.stream(THREADS.dumpAllThreads(false, false, 0))
                    .filter(t -> t.getThreadName().matches("sedna-reconcile-\\d+"))
                    .mapToLong(ThreadInfo::getThreadId).toArray();
        }
        for (ThreadInfo t : THREADS.getThreadInfo(engineThreads, 8)) {
            if (t == null) {
                continue; // ended: the engine is closing
            }
            boolean waiting = false;
            for (StackTraceElement e : t.getStackTrace()) {
                waiting |= e.getClassName().endsWith(".WorkQueue") && e.getMethodName().equals("take");
            }
            if (!waiting) {
                return false;
            }
        }
        return true;
    }
}
