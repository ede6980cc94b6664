package io.sedna4j.control.engine;

import io.sedna4j.api.link.Owner;
import io.sedna4j.api.link.UpstreamMessage;
import io.sedna4j.api.link.WorkerSpec;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.control.ControlException;
import io.sedna4j.control.Subscription;
import io.sedna4j.control.edge.EdgeChannel;
import io.sedna4j.control.node.NodeRegistry;
import io.sedna4j.control.store.ResourceStore;
import io.sedna4j.control.store.WatchEvent;
import io.sedna4j.control.worker.WorkerPlatform;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the controllers: a work queue keyed {@code Kind/namespace/name}, fed by store watch events, worker status
 * changes, node changes, changes of resources others refer to, requeues and a periodic resync; never two reconciles
 * of one resource at once; exponential backoff per resource when a reconcile throws.
 *
 * <p>A reconcile reads the resource; if it is gone, stops its workers and sends {@code delete} to the nodes that had
 * it. Otherwise it gives the controller a copy and what is observed (its workers, the nodes, a lookup of referred
 * resources, the time), applies the planned workers, writes the status if it changed (a write conflict requeues at
 * once), and sends the resource to the nodes that need it when it or their set changed. Status frames from nodes go
 * to the controller's {@link Controller#onUpstream} through the {@link UpstreamHandler}.
 */
public final class ReconcileEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReconcileEngine.class);

    private final ResourceStore store;
    private final WorkerPlatform platform;
    private final NodeRegistry nodes;
    private final EdgeChannel edge;
    private final Map<Kind, Controller<?>> controllers = new EnumMap<>(Kind.class);
    private final EngineOptions options;
    private final WorkQueue queue;
    private final EdgeSync edgeSync;
    private final UpstreamHandler upstream;
    /** What the engine remembers of each resource it reconciled, for deletion and node events. */
    private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();
    /** Referred resource key → keys of the resources whose last reconcile looked it up. */
    /** The name in a lookup key that stands for every resource of a kind in a namespace ({@code list}). */
    private static final String ANY_NAME = "*";
    private final Map<String, Set<String>> referrers = new ConcurrentHashMap<>();
    /** The other way round: what each resource looked up in its last reconcile (written by that key's reconcile). */
    private final Map<String, Set<String>> lookups = new ConcurrentHashMap<>();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final AtomicLong reconciles = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private ExecutorService workers;
    private ScheduledExecutorService resyncTimer;
    private boolean started;
    private boolean closed;

    /** The owner of a resource's workers, and whether node changes concern it (it has workers, or waits for some). */
    private record Tracked(Owner owner, boolean hasWorkers, boolean waiting) {
    }

    public ReconcileEngine(ResourceStore store, WorkerPlatform platform, NodeRegistry nodes, EdgeChannel edge,
                           List<Controller<?>> controllers, EngineOptions options) {
        this.store = store;
        this.platform = platform;
        this.nodes = nodes;
        this.edge = edge;
        this.options = options;
        for (Controller<?> c : controllers) {
            if (this.controllers.putIfAbsent(c.kind(), c) != null) {
                throw new IllegalArgumentException("two controllers for " + c.kind().kindName() + ": "
                        + this.controllers.get(c.kind()).getClass().getName() + " and " + c.getClass().getName()
                        + "; give one per kind");
            }
        }
        this.queue = new WorkQueue(options.minBackoff(), options.maxBackoff());
        this.edgeSync = new EdgeSync(edge);
        this.upstream = new UpstreamHandler(store, this.controllers, this::observe);
    }

    /** Subscribes to the store, the platform, the nodes and the edge channel, and starts reconciling everything. */
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException(closed ? "the reconcile engine is closed; create a new one"
                    : "the reconcile engine is already started");
        }
        started = true;
        subscriptions.add(store.watch(this::onStoreEvent));
        subscriptions.add(platform.onChange(s -> {
            if (s.owner() != null) {
                enqueue(s.owner().key());
            }
        }));
        subscriptions.add(nodes.onChange(n -> tracked.forEach((key, t) -> {
            if (t.hasWorkers() || t.waiting()) {
                queue.add(key);
            }
        })));
        subscriptions.add(edge.onUpstream(upstream::handle));
        AtomicInteger n = new AtomicInteger();
        workers = Executors.newFixedThreadPool(options.threads(), r -> daemon(r, "sedna-reconcile-" + n.incrementAndGet()));
        for (int i = 0; i < options.threads(); i++) {
            workers.execute(this::work);
        }
        resyncTimer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "sedna-resync"));
        long period = options.resync().toMillis();
        resyncTimer.scheduleAtFixedRate(this::resync, 0, Math.max(1, period), TimeUnit.MILLISECONDS);
    }

    public EngineMetrics metrics() {
        return new EngineMetrics(reconciles.get(), errors.get(), queue.depth());
    }

    /** Stops reconciling and unsubscribes; workers keep running (they belong to the platform). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Subscription s : subscriptions) {
            try {
                s.close();
            } catch (RuntimeException e) {
                log.warn("closing a subscription failed: {}", e.toString());
            }
        }
        queue.shutdown();
        if (resyncTimer != null) {
            resyncTimer.shutdownNow();
        }
        if (workers != null) {
            workers.shutdown();
            try {
                if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                    log.warn("reconciles still running 10 s after close; interrupting them");
                    workers.shutdownNow();
                }
            } catch (InterruptedException e) {
                workers.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void onStoreEvent(WatchEvent event) {
        String key = event.resource().key();
        enqueue(key);
        for (String ref : List.of(key, key.substring(0, key.lastIndexOf('/') + 1) + ANY_NAME)) {
            Set<String> dependents = referrers.get(ref);
            if (dependents != null) {
                dependents.forEach(queue::add);
            }
        }
    }

    private void enqueue(String key) {
        ResourceKey k = ResourceKey.parse(key);
        if (k != null && controllers.containsKey(k.kind())) {
            queue.add(key);
        }
    }

    private void resync() {
        try {
            for (Kind kind : controllers.keySet()) {
                for (Resource<?, ?> r : store.list(kind, null)) {
                    queue.add(r.key());
                }
            }
            tracked.keySet().forEach(queue::add); // also those deleted while no watch event reached us
            platform.owners().forEach(o -> queue.add(o.key())); // and those deleted while the GM was down
        } catch (RuntimeException e) {
            log.warn("resync could not list resources, next try in {}: {}", options.resync(), e.toString());
        }
    }

    private void work() {
        while (true) {
            String key;
            try {
                key = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (key == null) {
                return;
            }
            try {
                reconcile(key);
                queue.forget(key);
            } catch (RuntimeException e) {
                errors.incrementAndGet();
                Duration retry = queue.backoff(key);
                log.warn("reconcile of {} failed ({} in a row), retrying in {}: {}", key, queue.failures(key),
                        retry, e.toString(), e);
                queue.addAfter(key, retry);
            } finally {
                reconciles.incrementAndGet();
                queue.done(key);
            }
        }
    }

    private void reconcile(String key) {
        ResourceKey k = ResourceKey.parse(key);
        Controller<?> controller = k == null ? null : controllers.get(k.kind());
        if (controller == null) {
            return;
        }
        Optional<Resource<?, ?>> found = store.get(k.kind(), k.namespace(), k.name());
        if (found.isEmpty()) {
            forget(k, key);
            return;
        }
        Resource<?, ?> stored = found.get();
        Owner owner = Owner.of(stored);
        Set<String> looked = ConcurrentHashMap.newKeySet();
        try {
            apply(k, key, controller, stored, observe(owner, looked));
        } finally {
            remember(key, looked); // even after a failure: the missing Model it looked for may wake it
        }
    }

    private void apply(ResourceKey k, String key, Controller<?> controller, Resource<?, ?> stored, Observed observed) {
        Resource<?, ?> copy = Resources.copy(stored);
        Owner owner = Owner.of(stored);
        Plan plan = invokeReconcile(controller, copy, observed);
        List<WorkerSpec> planned = plan == null || plan.workers() == null ? List.of() : plan.workers();
        Duration requeue = plan == null ? null : plan.requeueAfter();
        Tracked before = tracked.put(key, new Tracked(owner, !planned.isEmpty(), requeue != null));
        // Datasets, Models and blocked resources would call the platform every resync for nothing
        boolean idle = planned.isEmpty() && before != null && !before.hasWorkers() && observed.workers().isEmpty();
        if (!idle) {
            platform.apply(owner, planned);
        }
        Resource<?, ?> current = stored;
        if (Resources.differ(stored.status, copy.status)) {
            try {
                current = store.updateStatus(copy);
            } catch (ControlException e) {
                if (e.reason() != ControlException.Reason.CONFLICT && e.reason() != ControlException.Reason.NOT_FOUND) {
                    throw e;
                }
                log.debug("{} changed or was deleted meanwhile; reconciling again", key);
                queue.add(key);
                return;
            }
        }
        edgeSync.sync(k, current, invokeEdgeNodes(controller, copy, observed),
                invokeEdgeReferences(controller, copy, observed), controller.edgeNeedsStatus());
        if (requeue != null) {
            queue.addAfter(key, requeue);
        }
    }

    /** The resource is gone: stop its workers and take it back from the nodes. */
    private void forget(ResourceKey k, String key) {
        Tracked t = tracked.remove(key);
        Owner owner = t != null ? t.owner() : new Owner(k.kind().kindName(), k.namespace(), k.name(), null, 0);
        platform.apply(owner, List.of());
        edgeSync.deleted(k);
        remember(key, Set.of());
    }

    /** Records which resources {@code key} looked up, so that their changes wake it. */
    private void remember(String key, Set<String> looked) {
        Set<String> before = looked.isEmpty() ? lookups.remove(key) : lookups.put(key, Set.copyOf(looked));
        for (String ref : before == null ? Set.<String>of() : before) {
            if (!looked.contains(ref)) {
                referrers.computeIfPresent(ref, (r, keys) -> {
                    keys.remove(key);
                    return keys.isEmpty() ? null : keys;
                });
            }
        }
        for (String ref : looked) {
            referrers.compute(ref, (r, keys) -> {
                Set<String> set = keys == null ? ConcurrentHashMap.newKeySet() : keys;
                set.add(key);
                return set;
            });
        }
    }

    Observed observe(Owner owner) {
        return observe(owner, ConcurrentHashMap.newKeySet());
    }

    private Observed observe(Owner owner, Set<String> looked) {
        Observed.References references = new Observed.References() {
            @Override
            public Optional<Resource<?, ?>> get(Kind kind, String namespace, String name) {
                looked.add(kind.kindName() + "/" + namespace + "/" + name);
                return store.get(kind, namespace, name);
            }

            @Override
            public List<Resource<?, ?>> list(Kind kind, String namespace) {
                looked.add(kind.kindName() + "/" + namespace + "/" + ANY_NAME);
                return store.list(kind, namespace);
            }
        };
        return new Observed(List.copyOf(platform.workers(owner)), List.copyOf(nodes.nodes()), references,
                options.clock().instant());
    }

    @SuppressWarnings("unchecked")
    private static <R extends Resource<?, ?>> Plan invokeReconcile(Controller<R> c, Resource<?, ?> r, Observed o) {
        return c.reconcile((R) r, o);
    }

    @SuppressWarnings("unchecked")
    private static <R extends Resource<?, ?>> Set<String> invokeEdgeNodes(Controller<R> c, Resource<?, ?> r, Observed o) {
        Set<String> nodes = c.edgeNodes((R) r, o);
        return nodes == null ? Set.of() : nodes;
    }

    @SuppressWarnings("unchecked")
    private static <R extends Resource<?, ?>> List<Resource<?, ?>> invokeEdgeReferences(Controller<R> c,
                                                                                        Resource<?, ?> r, Observed o) {
        List<Resource<?, ?>> refs = c.edgeReferences((R) r, o);
        return refs == null ? Collections.emptyList() : refs;
    }

    @SuppressWarnings("unchecked")
    static <R extends Resource<?, ?>> boolean invokeUpstream(Controller<R> c, Resource<?, ?> r, String node,
                                                             UpstreamMessage m, Observed o) {
        return c.onUpstream((R) r, node, m, o);
    }
}
