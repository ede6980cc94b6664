package io.sedna4j.control.testing;

import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.api.link.Owner;
import io.sedna4j.api.link.WorkerPhase;
import io.sedna4j.api.link.WorkerSpec;
import io.sedna4j.api.link.WorkerStatus;
import io.sedna4j.control.Subscription;
import io.sedna4j.control.worker.WorkerPlatform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A WorkerPlatform that records what it is asked to run and reports the phases the test sets. A worker it starts
 * (new or with a changed spec) is Pending until the test says otherwise; one it stops is forgotten.
 */
public final class RecordingPlatform implements WorkerPlatform {
    private final Map<String, List<WorkerSpec>> applied = new LinkedHashMap<>();
    private final Map<String, WorkerSpec> specs = new LinkedHashMap<>();
    private final Map<String, WorkerStatus> statuses = new LinkedHashMap<>();
    private final List<String> stopped = new CopyOnWriteArrayList<>();
    private final List<Consumer<WorkerStatus>> listeners = new CopyOnWriteArrayList<>();
    private int starts;

    @Override
    public void apply(Owner owner, List<WorkerSpec> workers) {
        List<WorkerStatus> changes = new ArrayList<>();
        synchronized (this) {
            applied.put(owner.key(), List.copyOf(workers));
            for (String name : List.copyOf(specs.keySet())) {
                WorkerSpec s = specs.get(name);
                if (s.owner().key().equals(owner.key()) && workers.stream().noneMatch(w -> w.name().equals(name))) {
                    specs.remove(name);
                    statuses.remove(name);
                    stopped.add(name);
                }
            }
            for (WorkerSpec w : workers) {
                if (!same(specs.get(w.name()), w)) {
                    specs.put(w.name(), w);
                    starts++;
                    WorkerStatus s = new WorkerStatus(w.name(), w.owner(), w.node(), WorkerPhase.Pending, 0, null,
                            "starting", null);
                    statuses.put(w.name(), s);
                    changes.add(s);
                }
            }
        }
        changes.forEach(s -> listeners.forEach(l -> l.accept(s)));
    }

    @Override
    public synchronized List<Owner> owners() {
        return specs.values().stream().map(WorkerSpec::owner).distinct().toList();
    }

    @Override
    public synchronized List<WorkerStatus> workers(Owner owner) {
        return statuses.values().stream().filter(s -> s.owner().key().equals(owner.key())).toList();
    }

    @Override
    public Subscription onChange(Consumer<WorkerStatus> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Specs compare as JSON: the model classes have no equals(). */
    private static boolean same(WorkerSpec a, WorkerSpec b) {
        return a != null && ResourceCodec.json().valueToTree(a).equals(ResourceCodec.json().valueToTree(b));
    }

    /** The node reports a phase of a running worker. */
    public void report(String worker, WorkerPhase phase, int restarts, String message) {
        WorkerStatus s;
        synchronized (this) {
            WorkerSpec spec = specs.get(worker);
            if (spec == null) {
                throw new IllegalStateException("no worker " + worker + "; running: " + specs.keySet());
            }
            s = new WorkerStatus(worker, spec.owner(), spec.node(), phase, restarts, phase.isFinal() ? 1 : null,
                    message, null);
            statuses.put(worker, s);
        }
        listeners.forEach(l -> l.accept(s));
    }

    /** What the owner ({@code Kind/namespace/name}) was last asked to run; empty if never or stopped. */
    public synchronized List<WorkerSpec> planned(String ownerKey) {
        return applied.getOrDefault(ownerKey, List.of());
    }

    public synchronized WorkerSpec spec(String worker) {
        return specs.get(worker);
    }

    public List<String> stopped() {
        return List.copyOf(stopped);
    }

    /** Workers started or replaced so far. */
    public synchronized int starts() {
        return starts;
    }
}
