package io.sedna4j.lc.worker;

import com.fasterxml.jackson.databind.JsonNode;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.api.link.WorkerPhase;
import io.sedna4j.api.link.WorkerSpec;
import io.sedna4j.api.link.WorkerStatus;
import io.sedna4j.lc.Json;
import io.sedna4j.lc.LcConfig;
import io.sedna4j.lc.LcException;
import io.sedna4j.lc.LcTimings;
import io.sedna4j.lc.store.LcDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the node's workers as local processes (docs/protocol.md, "Workers on a node"): starts them, restarts them
 * per restart policy with exponential backoff up to {@code backoffLimit} failures, stops them with SIGTERM then
 * SIGKILL, and reports every phase change. Specs and pids live in SQLite, so an LC restarted after a crash kills
 * what its previous run left and starts the workers again.
 *
 * <p>All state changes happen on one thread, so a process exit, a restart timer and a downstream command never
 * race each other.
 */
public final class WorkerLauncher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkerLauncher.class);
    private static final java.util.regex.Pattern VALID_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final LcConfig config;
    private final LcTimings timings;
    private final LcDatabase db;
    private final Consumer<WorkerStatus> phases;
    private final LaunchPlan.Context context;
    private final ScheduledExecutorService exec;
    private final Map<String, ManagedWorker> workers = new LinkedHashMap<>();
    private volatile boolean closed;

    /**
     * @param workerApiPort the port workers reach this LC at ({@code LC_SERVER})
     * @param phases        receives every phase change, on the launcher's thread
     */
    public WorkerLauncher(LcConfig config, LcTimings timings, LcDatabase db, int workerApiPort,
                          Consumer<WorkerStatus> phases) {
        this.config = config;
        this.timings = timings;
        this.db = db;
        this.phases = phases;
        this.context = new LaunchPlan.Context(config.node(), config.address(), workerApiPort,
                BuiltinWorkers.load(WorkerLauncher.class.getClassLoader()), Path.of("").toAbsolutePath());
        this.exec = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lc-workers-" + config.node());
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code spec}; the same spec again is a no-op, a changed one replaces the running worker. */
    public void run(WorkerSpec spec) {
        if (spec.name() == null || !VALID_NAME.matcher(spec.name()).matches()) {
            // the name becomes a directory under <nodeDir>/workers: nothing that could leave it
            throw new LcException("worker/run for worker \"" + spec.name() + "\" (owner " + spec.owner()
                    + "): not a valid worker name; fix: name workers with letters, digits, '.', '-' and '_'");
        }
        onExec(() -> {
            doRun(spec);
            return null;
        });
    }

    /** Stops the worker {@code spec} names and forgets it. */
    public void stop(WorkerSpec spec) {
        onExec(() -> {
            doStop(key(spec));
            return null;
        });
    }

    /** Every worker on this node and where it stands. */
    public List<WorkerStatus> statuses() {
        if (closed) {
            return List.of();
        }
        return onExec(() -> workers.values().stream().map(w -> w.status(config.node())).toList());
    }

    /**
     * Kills the processes a previous run of this LC left behind (checked by pid and start time, so a reused pid is
     * never killed) and starts their workers again; workers that had finished keep their final phase.
     */
    public void recover() {
        record Stored(String key, String spec, Long pid, Long started, int restarts, String phase, Integer exitCode,
                      String message) {
        }
        List<Stored> rows = db.query("SELECT key, spec, pid, started, restarts, phase, exit_code, message"
                + " FROM workers ORDER BY rowid", rs -> new Stored(rs.getString(1), rs.getString(2),
                nullableLong(rs, 3), nullableLong(rs, 4), rs.getInt(5), rs.getString(6),
                rs.getObject(7) == null ? null : rs.getInt(7), rs.getString(8)));
        List<CompletableFuture<Void>> stale = new ArrayList<>();
        for (Stored row : rows) {
            if (row.pid() != null && row.started() != null) {
                ProcessTree.same(row.pid(), row.started()).ifPresent(h -> {
                    log.warn("stopping worker {} (pid {}), left running by the previous run of this LC", row.key(),
                            h.pid());
                    stale.add(ProcessTree.terminate(h, timings.stopGrace(), exec));
                });
            }
        }
        waitFor(stale, "stale workers of the previous LC run");
        onExec(() -> {
            for (Stored row : rows) {
                WorkerSpec spec;
                try {
                    spec = Json.read(row.spec(), WorkerSpec.class);
                } catch (LcException e) {
                    log.error("forgetting worker {} recorded in {}: {}", row.key(), db.file(), e.getMessage());
                    db.update("DELETE FROM workers WHERE key = ?", row.key());
                    continue;
                }
                ManagedWorker w = new ManagedWorker(row.key(), spec, WorkerLog.of(config.nodeDir(), spec.name()));
                w.restarts = row.restarts();
                w.exitCode = row.exitCode();
                w.message = row.message();
                workers.put(w.key, w);
                if (row.phase() != null && WorkerPhase.valueOf(row.phase()).isFinal()) {
                    w.phase = WorkerPhase.valueOf(row.phase());
                } else {
                    launch(w);
                }
            }
            return null;
        });
    }

    /** Stops every worker (SIGTERM, SIGKILL after the grace period) and waits for them; specs stay recorded. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<CompletableFuture<Void>> gone;
        try {
            gone = onExec(() -> workers.values().stream().map(this::retire).toList());
        } catch (LcException e) {
            gone = List.of();
        }
        waitFor(gone, "workers");
        try {
            onExec(() -> {
                for (ManagedWorker w : workers.values()) {
                    if (w.process != null && !w.process.isAlive()) {
                        exited(w, w.run);
                    }
                }
                return null;
            });
        } catch (LcException e) {
            // already shut down
        }
        exec.shutdownNow();
    }

    // ---- on the launcher's thread ----

    private void doRun(WorkerSpec spec) {
        String key = key(spec);
        ManagedWorker old = workers.get(key);
        if (old != null && sameSpec(old.spec, spec)) {
            report(old); // a resent spec: tell the GM where the worker stands
            return;
        }
        if (spec.node() != null && !spec.node().equals(config.node())) {
            log.warn("worker {} is meant for node {}, but this is node {}; running it anyway", key, spec.node(),
                    config.node());
        }
        ManagedWorker w = new ManagedWorker(key, spec, WorkerLog.of(config.nodeDir(), spec.name()));
        workers.put(key, w);
        db.update("INSERT INTO workers(key, spec, pid, started, restarts, phase, exit_code, message)"
                + " VALUES(?, ?, NULL, NULL, 0, NULL, NULL, NULL) ON CONFLICT(key) DO UPDATE SET spec = excluded.spec,"
                + " restarts = 0, phase = NULL, exit_code = NULL, message = NULL", key, Json.compact(spec));
        if (old == null) {
            launch(w);
            return;
        }
        log.info("worker {} has a new spec; stopping the previous one first", key);
        setPhase(w, WorkerPhase.Pending, "waiting for the previous spec's process to stop");
        retire(old).whenComplete((v, e) -> later(() -> {
            if (workers.get(key) == w) {
                launch(w);
            }
        }));
    }

    private void doStop(String key) {
        ManagedWorker w = workers.remove(key);
        db.update("DELETE FROM workers WHERE key = ?", key);
        if (w == null) {
            log.info("worker/stop for worker {}, which this node does not run: nothing to do", key);
            return;
        }
        log.info("stopping worker {}", key);
        retire(w);
    }

    private void launch(ManagedWorker w) {
        if (closed || w.retired) {
            return;
        }
        LaunchPlan plan;
        Process p;
        try {
            plan = LaunchPlan.of(w.spec, context);
        } catch (LcException e) {
            setPhase(w, WorkerPhase.Failed, e.getMessage());
            return;
        } catch (RuntimeException e) {
            log.error("cannot plan worker {}", w.key, e);
            setPhase(w, WorkerPhase.Failed, "cannot run worker " + w.key + ": " + e);
            return;
        }
        String policy = w.restartPolicy();
        if (!List.of("Always", "OnFailure", "Never").contains(policy)) {
            setPhase(w, WorkerPhase.Failed, "restartPolicy \"" + policy + "\" of worker " + w.key
                    + " is not one of Always, OnFailure, Never; fix: use one of them");
            return;
        }
        try {
            p = plan.processBuilder(w.log).start();
        } catch (IOException e) {
            setPhase(w, WorkerPhase.Failed, plan.explain(e));
            return;
        } catch (LcException e) {
            setPhase(w, WorkerPhase.Failed, e.getMessage());
            return;
        }
        closeQuietly(p);
        w.process = p;
        w.run++;
        w.startedNanos = System.nanoTime();
        WorkerLog.line(w.log, "started pid " + p.pid());
        if (workers.get(w.key) == w) {
            db.update("UPDATE workers SET pid = ?, started = ?, restarts = ? WHERE key = ?", p.pid(),
                    ProcessTree.startMillis(p.toHandle()), w.restarts, w.key);
        }
        setPhase(w, WorkerPhase.Running, "started pid " + p.pid());
        int run = w.run;
        p.onExit().whenComplete((x, e) -> later(() -> exited(w, run)));
    }

    private void exited(ManagedWorker w, int run) {
        Process p = w.process;
        if (w.run != run || p == null) {
            return; // an earlier run, or already handled
        }
        int code = p.exitValue();
        w.process = null;
        w.exitCode = code;
        WorkerLog.line(w.log, "exited with code " + code);
        boolean current = workers.get(w.key) == w;
        if (current) {
            db.update("UPDATE workers SET pid = NULL, started = NULL WHERE key = ?", w.key);
        }
        if (w.retired || closed) {
            return;
        }
        boolean failed = code != 0;
        String last = failed && code <= 128 ? WorkerLog.lastOutput(w.log) : null;
        String exit = "exited with code " + code + (code > 128 ? " (killed by signal " + (code - 128) + ")" : "")
                + (last != null ? " (last output: " + last + ")" : "");
        String policy = w.restartPolicy();
        if (!(policy.equals("Always") || policy.equals("OnFailure") && failed)) {
            setPhase(w, failed ? WorkerPhase.Failed : WorkerPhase.Succeeded, failed ? exit + "; see " + w.log : exit);
            return;
        }
        if (System.nanoTime() - w.startedNanos >= timings.stableRun().toNanos()) {
            w.failures = 0; // it ran long enough to count as healthy: forgive earlier failures
            w.backoffStep = 0;
        }
        int limit = w.spec.backoffLimit();
        if (failed) {
            if (limit >= 0 && w.failures >= limit) {
                setPhase(w, WorkerPhase.Failed, exit + "; not restarted: backoffLimit " + limit + " reached after "
                        + w.restarts + " restart(s); see " + w.log);
                return;
            }
            w.failures++;
        }
        Duration delay = backoff(w.backoffStep++);
        setPhase(w, WorkerPhase.Pending, exit + "; restarting in " + human(delay));
        w.restart = exec.schedule(() -> {
            w.restart = null;
            w.restarts++;
            launch(w);
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Marks {@code w} as stopped on purpose and terminates its process tree; completes when it is gone. */
    private CompletableFuture<Void> retire(ManagedWorker w) {
        w.retired = true;
        if (w.restart != null) {
            w.restart.cancel(false);
            w.restart = null;
        }
        Process p = w.process;
        if (p == null || !p.isAlive()) {
            return CompletableFuture.completedFuture(null);
        }
        return ProcessTree.terminate(p.toHandle(), timings.stopGrace(), exec);
    }

    private void setPhase(ManagedWorker w, WorkerPhase phase, String message) {
        w.phase = phase;
        w.message = message;
        w.time = Instant.now().toString();
        if (phase == WorkerPhase.Failed) {
            log.warn("worker {} failed: {}", w.key, message);
        } else {
            log.info("worker {} is {}: {}", w.key, phase, message);
        }
        if (workers.get(w.key) == w) {
            db.update("UPDATE workers SET phase = ?, exit_code = ?, message = ?, restarts = ? WHERE key = ?",
                    phase.name(), w.exitCode, message, w.restarts, w.key);
        }
        report(w);
    }

    private void report(ManagedWorker w) {
        try {
            phases.accept(w.status(config.node()));
        } catch (RuntimeException e) {
            log.error("cannot report the phase of worker {}: {}", w.key, e.getMessage(), e);
        }
    }

    // ---- helpers ----

    private Duration backoff(int step) {
        Duration d = timings.restartBackoff().multipliedBy(1L << Math.min(step, 20));
        return d.compareTo(timings.restartBackoffMax()) > 0 ? timings.restartBackoffMax() : d;
    }

    private static Long nullableLong(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static String human(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : String.format("%.1f s", d.toMillis() / 1000.0);
    }

    private static String key(WorkerSpec spec) {
        return (spec.owner() == null || spec.owner().namespace() == null ? "default" : spec.owner().namespace())
                + "/" + spec.name();
    }

    private static boolean sameSpec(WorkerSpec a, WorkerSpec b) {
        JsonNode x = ResourceCodec.json().valueToTree(a);
        JsonNode y = ResourceCodec.json().valueToTree(b);
        return x.equals(y);
    }

    /** The child's stdin: closed, so a worker that reads it sees end of input instead of hanging. */
    private static void closeQuietly(Process p) {
        try {
            p.getOutputStream().close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    private void later(Runnable task) {
        try {
            exec.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("worker launcher: {}", e.getMessage(), e);
                }
            });
        } catch (RejectedExecutionException e) {
            // the launcher is closed
        }
    }

    private <T> T onExec(Callable<T> task) {
        try {
            return exec.submit(task).get();
        } catch (RejectedExecutionException e) {
            throw new LcException("the Local Controller of node " + config.node() + " is stopping");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LcException("interrupted while handling workers of node " + config.node());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new LcException(e.getCause().getMessage(), e.getCause());
        }
    }

    private void waitFor(List<CompletableFuture<Void>> exits, String what) {
        if (exits.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new))
                    .get(timings.stopGrace().toMillis() + 2000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.warn("some {} of node {} did not stop within {} ms after SIGKILL", what, config.node(),
                    timings.stopGrace().toMillis() + 2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
