package io.sedna4j.lc.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Stops a process with everything it started, politely first. */
final class ProcessTree {
    private static final long POLL_MILLIS = 25;

    private ProcessTree() {
    }

    /**
     * SIGTERM to {@code root} and its descendants, SIGKILL to whatever is left after {@code grace}; completes when
     * all of them are gone. Descendants are listed before signalling, as a dead parent's children lose their link.
     * Exits are polled rather than awaited with {@code onExit()}: for processes that are not our children the JDK
     * polls in steps of 300 ms and more, and counts an unreaped zombie as alive.
     */
    static CompletableFuture<Void> terminate(ProcessHandle root, Duration grace, ScheduledExecutorService timer) {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(root);
        root.descendants().forEach(all::add);
        all.forEach(ProcessHandle::destroy);
        CompletableFuture<Void> gone = new CompletableFuture<>();
        long killAt = System.nanoTime() + grace.toNanos();
        Runnable check = new Runnable() {
            private boolean killed;

            @Override
            public void run() {
                List<ProcessHandle> left = all.stream().filter(h -> !exited(h)).toList();
                if (left.isEmpty()) {
                    gone.complete(null);
                } else if (!killed && System.nanoTime() - killAt >= 0) {
                    killed = true;
                    left.forEach(ProcessHandle::destroyForcibly);
                }
            }
        };
        ScheduledFuture<?> poll = timer.scheduleWithFixedDelay(check, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
        gone.whenComplete((v, e) -> poll.cancel(false));
        return gone;
    }

    /**
     * The process {@code pid} if it is running and started at {@code startMillis}: the same process, not a reused
     * pid. A second of tolerance, because Linux derives start times from a boot time that may be rounded
     * differently from one reading to the next.
     */
    static Optional<ProcessHandle> same(long pid, long startMillis) {
        return ProcessHandle.of(pid).filter(h -> !exited(h)).filter(h -> h.info().startInstant()
                .map(i -> Math.abs(i.toEpochMilli() - startMillis) <= 1000).orElse(false));
    }

    static long startMillis(ProcessHandle h) {
        return h.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    /** Gone, or a zombie waiting for its parent (or an init that reaps lazily) to collect it. */
    static boolean exited(ProcessHandle h) {
        if (!h.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(h.pid()), "stat"));
            int end = stat.lastIndexOf(')'); // the command name may itself hold ')' and spaces
            return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false; // no /proc (not Linux), or it vanished just now: isAlive decides next time
        }
    }
}
