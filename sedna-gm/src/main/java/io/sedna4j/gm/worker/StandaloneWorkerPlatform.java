package io.sedna4j.gm.worker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedna4j.api.link.Frame;
import io.sedna4j.api.link.NodeReport;
import io.sedna4j.api.link.Operation;
import io.sedna4j.api.link.Owner;
import io.sedna4j.api.link.WorkerPhase;
import io.sedna4j.api.link.WorkerSpec;
import io.sedna4j.api.link.WorkerStatus;
import io.sedna4j.control.Subscription;
import io.sedna4j.control.edge.EdgeChannel;
import io.sedna4j.control.worker.WorkerPlatform;
import io.sedna4j.gm.Json;
import io.sedna4j.gm.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Workers run by the nodes' Local Controllers, asked over the link: {@code worker/run} for a new or changed spec,
 * {@code worker/stop} for one no longer wanted. The specs sent are remembered in SQLite, so a GM restart resends
 * nothing that did not change; statuses come from {@code worker/phase} frames and from the worker list of a
 * node's first heartbeat after connecting.
 */
public final class StandaloneWorkerPlatform implements WorkerPlatform, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StandaloneWorkerPlatform.class);

    /** A worker the GM asked for, when it first did, and the worker's last known status. */
    public record Worker(WorkerSpec spec, Instant created, WorkerStatus status) {
    }

    private final Database db;
    private final EdgeChannel edge;
    private final Map<String, WorkerSpec> specs = new TreeMap<>(); // namespace/name → spec sent; guarded by this
    private final Map<String, WorkerStatus> statuses = new HashMap<>(); // guarded by this
    private final Map<String, Instant> created = new HashMap<>(); // guarded by this
    private final List<Consumer<WorkerStatus>> listeners = new CopyOnWriteArrayList<>();
    private final Subscription upstream;

    public StandaloneWorkerPlatform(Database db, EdgeChannel edge) {
        this.db = db;
        this.edge = edge;
        db.execute("""
                CREATE TABLE IF NOT EXISTS workers (namespace TEXT NOT NULL, name TEXT NOT NULL, node TEXT NOT NULL,
                  spec TEXT NOT NULL, created INTEGER NOT NULL, PRIMARY KEY (namespace, name))""");
        db.read(c -> {
            try (ResultSet r = c.createStatement().executeQuery("SELECT spec, created FROM workers")) {
                while (r.next()) {
                    WorkerSpec spec = Json.mapper().readValue(r.getString(1), WorkerSpec.class);
                    String key = key(spec.owner().namespace(), spec.name());
                    specs.put(key, spec);
                    created.put(key, Instant.ofEpochSecond(r.getLong(2)));
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new io.sedna4j.gm.GmException("a worker stored in " + db.file() + " cannot be read: "
                        + e.getOriginalMessage(), e);
            }
            return null;
        });
        upstream = edge.onUpstream(this::onFrame);
    }

    @Override
    public void apply(Owner owner, List<WorkerSpec> workers) {
        List<WorkerStatus> changed = new ArrayList<>();
        synchronized (this) {
            Map<String, WorkerSpec> current = new TreeMap<>();
            specs.forEach((k, s) -> {
                if (sameOwner(s.owner(), owner)) {
                    current.put(k, s);
                }
            });
            for (WorkerSpec wanted : workers) {
                WorkerSpec spec = wanted.owner() != null ? wanted : new WorkerSpec(wanted.name(), owner,
                        wanted.workerType(), wanted.node(), wanted.template(), wanted.restartPolicy(),
                        wanted.backoffLimit());
                String key = key(owner.namespace(), spec.name());
                WorkerSpec old = current.remove(key);
                if (old == null && specs.containsKey(key)) {
                    LOG.warn("worker {} is wanted by {} but belongs to {}; not started. Fix: give the workers of "
                            + "different resources different names", key, owner.key(), specs.get(key).owner().key());
                    continue;
                }
                if (old != null && sameSpec(old, spec)) {
                    continue;
                }
                if (spec.node() == null || spec.node().isEmpty()) {
                    changed.add(setStatus(key, status(spec, WorkerPhase.Pending, "no node chosen for the worker yet")));
                    continue;
                }
                if (old != null && !old.node().equals(spec.node())) {
                    stop(old, "moved to node " + spec.node());
                }
                // sent before it is remembered: after a crash in between it is sent again, never forgotten
                send(spec.node(), Operation.WORKER_RUN, spec);
                remember(key, spec);
                changed.add(setStatus(key, status(spec, WorkerPhase.Pending, "sent to node " + spec.node())));
            }
            for (Map.Entry<String, WorkerSpec> gone : current.entrySet()) {
                stop(gone.getValue(), "no longer wanted by " + owner.key());
                forget(gone.getKey());
            }
        }
        notifyListeners(changed);
    }

    @Override
    public synchronized List<WorkerStatus> workers(Owner owner) {
        List<WorkerStatus> result = new ArrayList<>();
        specs.forEach((key, spec) -> {
            if (sameOwner(spec.owner(), owner)) {
                result.add(statusOf(key, spec));
            }
        });
        return result;
    }

    @Override
    public synchronized List<Owner> owners() {
        return specs.values().stream().map(WorkerSpec::owner).distinct().toList();
    }

    /** Every worker with its status, ordered by namespace and name (for the REST view as Pods). */
    public synchronized List<Worker> all() {
        List<Worker> result = new ArrayList<>();
        specs.forEach((key, spec) -> result.add(new Worker(spec, created.get(key), statusOf(key, spec))));
        return result;
    }

    @Override
    public Subscription onChange(Consumer<WorkerStatus> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void onFrame(String node, Frame frame) {
        if (frame.header() == null) {
            return;
        }
        String op = frame.header().operation();
        if (Operation.WORKER_PHASE.equals(op)) {
            notifyListeners(reported(node, List.of(frame.content(WorkerStatus.class)), frame.header().namespace(), false));
        } else if (Operation.HEARTBEAT.equals(op)) {
            NodeReport report = frame.content(NodeReport.class);
            if (report.workers() != null) {
                notifyListeners(resync(node, report.workers()));
            }
        }
    }

    /**
     * Folds reported statuses in. A worker the GM does not want on that node is stopped: from a heartbeat's full
     * list always, from a phase report only while it runs (its final phase may answer a stop already sent).
     */
    private synchronized List<WorkerStatus> reported(String node, List<WorkerStatus> reports, String namespace,
                                                     boolean fullList) {
        List<WorkerStatus> changed = new ArrayList<>();
        for (WorkerStatus r : reports) {
            String ns = r.owner() != null ? r.owner().namespace() : namespace;
            String key = key(ns, r.name());
            WorkerSpec spec = specs.get(key);
            if (spec == null || !node.equals(spec.node())) {
                if (fullList || r.phase() == null || !r.phase().isFinal()) {
                    LOG.info("node {} runs worker {}, which the GM does not want there; stopping it", node, key);
                    send(node, Operation.WORKER_STOP, new WorkerSpec(r.name(), r.owner(), null, node, null, null, 0));
                }
                continue;
            }
            WorkerStatus status = new WorkerStatus(r.name(), spec.owner(), node, r.phase(), r.restarts(), r.exitCode(),
                    r.message(), r.time());
            WorkerStatus before = statuses.get(key);
            if (before == null || !sameStatus(before, status)) {
                changed.add(setStatus(key, status));
            } else {
                statuses.put(key, status);
            }
        }
        return changed;
    }

    /** A node's full worker list: statuses for those it has; those it lacks (it lost its state) are sent again. */
    private synchronized List<WorkerStatus> resync(String node, List<WorkerStatus> reports) {
        List<WorkerStatus> changed = reported(node, reports, null, true);
        Set<String> reportedKeys = new HashSet<>();
        for (WorkerStatus r : reports) {
            reportedKeys.add(key(r.owner() != null ? r.owner().namespace() : null, r.name()));
        }
        specs.forEach((key, spec) -> {
            if (node.equals(spec.node()) && !reportedKeys.contains(key)) {
                LOG.info("node {} does not report worker {}; sending it again", node, key);
                send(node, Operation.WORKER_RUN, spec);
                changed.add(setStatus(key, status(spec, WorkerPhase.Pending, "sent again to node " + node)));
            }
        });
        return changed;
    }

    private void stop(WorkerSpec spec, String why) {
        LOG.debug("stopping worker {} on node {}: {}", spec.name(), spec.node(), why);
        send(spec.node(), Operation.WORKER_STOP, spec);
    }

    private void send(String node, String operation, WorkerSpec spec) {
        String namespace = spec.owner() == null ? null : spec.owner().namespace();
        edge.send(node, Frame.of(new Frame.Header(namespace, "worker", spec.name(), operation), spec));
    }

    private WorkerStatus statusOf(String key, WorkerSpec spec) {
        WorkerStatus s = statuses.get(key);
        return s != null ? s : status(spec, WorkerPhase.Pending, "sent to node " + spec.node()
                + "; waiting for its report");
    }

    private WorkerStatus setStatus(String key, WorkerStatus status) {
        statuses.put(key, status);
        return status;
    }

    private void remember(String key, WorkerSpec spec) {
        specs.put(key, spec);
        Instant since = created.computeIfAbsent(key, k -> Instant.now().truncatedTo(ChronoUnit.SECONDS));
        String json = Json.write(spec);
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO workers VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, spec.owner().namespace());
                s.setString(2, spec.name());
                s.setString(3, spec.node());
                s.setString(4, json);
                s.setLong(5, since.getEpochSecond());
                s.executeUpdate();
            }
            return null;
        });
    }

    private void forget(String key) {
        WorkerSpec spec = specs.remove(key);
        statuses.remove(key);
        created.remove(key);
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM workers WHERE namespace = ? AND name = ?")) {
                s.setString(1, spec.owner().namespace());
                s.setString(2, spec.name());
                s.executeUpdate();
            }
            return null;
        });
    }

    private void notifyListeners(List<WorkerStatus> changed) {
        for (WorkerStatus s : changed) {
            for (Consumer<WorkerStatus> l : listeners) {
                try {
                    l.accept(s);
                } catch (RuntimeException e) {
                    LOG.warn("a worker listener failed on worker {}: {}", s.name(), e.toString(), e);
                }
            }
        }
    }

    private static WorkerStatus status(WorkerSpec spec, WorkerPhase phase, String message) {
        return new WorkerStatus(spec.name(), spec.owner(), spec.node(), phase, 0, null, message,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    /** Matched on kind, namespace and name: a new generation of the owner is the same owner. */
    private static boolean sameOwner(Owner a, Owner b) {
        return a != null && b != null && Objects.equals(a.kind(), b.kind()) && Objects.equals(a.namespace(), b.namespace())
                && Objects.equals(a.name(), b.name());
    }

    /** Same JSON but for the owner's generation: a spec change elsewhere in the owner must not restart this one. */
    private static boolean sameSpec(WorkerSpec a, WorkerSpec b) {
        return withoutGeneration(a).equals(withoutGeneration(b));
    }

    private static ObjectNode withoutGeneration(WorkerSpec spec) {
        ObjectNode tree = Json.tree(spec);
        if (tree.get("owner") instanceof ObjectNode owner) {
            owner.remove("generation");
        }
        return tree;
    }

    private static boolean sameStatus(WorkerStatus a, WorkerStatus b) {
        return a.phase() == b.phase() && a.restarts() == b.restarts() && Objects.equals(a.exitCode(), b.exitCode())
                && Objects.equals(a.message(), b.message()) && Objects.equals(a.node(), b.node());
    }

    private static String key(String namespace, String name) {
        return (namespace == null || namespace.isEmpty() ? "default" : namespace) + "/" + name;
    }

    @Override
    public void close() {
        upstream.close();
    }
}
