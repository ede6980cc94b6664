package io.sedna4j.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.sedna4j.api.link.Owner;
import io.sedna4j.api.link.WorkerPhase;
import io.sedna4j.api.link.WorkerSpec;
import io.sedna4j.api.link.WorkerStatus;
import io.sedna4j.control.Subscription;
import io.sedna4j.control.worker.WorkerPlatform;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link WorkerPlatform} on a cluster: each worker is a Pod on its node (a service's always-on worker a
 * one-replica Deployment), plus Sedna's Services for the workers others connect to; see {@link WorkerObjects}.
 * Three informers, on the objects labelled as ours, give the phases; the kubelet runs the containers.
 *
 * <p>Self-healing, unlike Sedna's terminal Failed: a Pod deleted by someone else, or Failed while its restart
 * policy allows a restart, is created again after a backoff (doubling from {@code minBackoff} to
 * {@code maxBackoff}); restarts beyond the worker's {@code backoffLimit} leave it Failed. A changed worker spec
 * (including the owner's generation) replaces the Pod. Objects whose worker is no longer wanted are deleted by the
 * platform itself (Kubernetes' garbage collector would too, through the ownerReferences, once the resource goes).
 */
public final class PodWorkerPlatform implements WorkerPlatform, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PodWorkerPlatform.class);

    private final KubernetesClient client;
    private final PlatformOptions options;
    private final WorkerObjects objects;
    private final SharedIndexInformer<Pod> pods;
    private final SharedIndexInformer<Deployment> deployments;
    private final SharedIndexInformer<Service> services;
    /** Owner key → the workers last applied, to recreate a deleted Pod without waiting for the engine. */
    private final Map<String, List<WorkerSpec>> desired = new ConcurrentHashMap<>();
    /** {@code namespace/worker} → restarts the platform made, and not before when the next may happen. */
    private final Map<String, Backoff> backoffs = new ConcurrentHashMap<>();
    /** {@code namespace/worker} of Pods the platform deleted itself: their deletion is no failure. */
    private final Set<String> deleting = ConcurrentHashMap.newKeySet();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final List<Consumer<WorkerStatus>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sedna-pod-backoff");
        t.setDaemon(true);
        return t;
    });

    private record Backoff(int restarts, Instant notBefore) {
    }

    public PodWorkerPlatform(KubernetesClient client, PlatformOptions options) {
        this.client = client;
        this.options = options;
        this.objects = new WorkerObjects(options);
        try {
            pods = scoped(client.pods()).withLabel(WorkerObjects.MANAGED_BY, WorkerObjects.MANAGER)
                    .inform(new Handler<>(this::podChanged, this::podDeleted), 0);
            deployments = scoped(client.apps().deployments())
                    .withLabel(WorkerObjects.MANAGED_BY, WorkerObjects.MANAGER)
                    .inform(new Handler<>(this::deploymentChanged, this::deploymentChanged), 0);
            services = scoped(client.services()).withLabel(WorkerObjects.MANAGED_BY, WorkerObjects.MANAGER)
                    .inform(new Handler<>(s -> { }, s -> { }), 0);
        } catch (KubernetesClientException e) {
            close();
            throw new KubernetesException(Errors.watchFailure(e, "Pods, Deployments and Services",
                    "check that the server is a Kubernetes API server"), e);
        }
    }

    private <T extends HasMetadata, L, R extends io.fabric8.kubernetes.client.dsl.Resource<T>>
            FilterWatchListDeletable<T, L, R> scoped(MixedOperation<T, L, R> op) {
        return options.namespace() == null ? op.inAnyNamespace() : op.inNamespace(options.namespace());
    }

    @Override
    public void apply(Owner owner, List<WorkerSpec> workers) {
        synchronized (locks.computeIfAbsent(owner.key(), k -> new Object())) {
            if (workers.isEmpty()) {
                desired.remove(owner.key());
            } else {
                desired.put(owner.key(), List.copyOf(workers));
            }
            Map<String, WorkerSpec> wanted = new LinkedHashMap<>();
            workers.forEach(w -> wanted.put(w.name(), w));
            for (WorkerSpec w : workers) {
                try {
                    if (WorkerObjects.isDeployment(w)) {
                        ensureDeployment(w);
                    } else {
                        ensurePod(w);
                    }
                } catch (KubernetesClientException e) {
                    throw Errors.control(e, "worker " + w.name() + " of " + owner.key(), "create");
                }
            }
            removeStale(owner, wanted);
            ensureServices(owner, workers);
        }
    }

    private void ensurePod(WorkerSpec w) {
        String key = key(w.owner().namespace(), w.name());
        Pod pod = pods.getStore().getByKey(key);
        if (pod == null) {
            Backoff b = backoffs.get(key);
            if (b != null && Instant.now().isBefore(b.notBefore())) {
                schedule(w.owner(), Duration.between(Instant.now(), b.notBefore()));
                return;
            }
            create(() -> client.pods().resource(objects.pod(w)).create());
            return;
        }
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return; // terminating: created again once it is gone
        }
        if (!WorkerObjects.hash(w).equals(WorkerObjects.annotation(pod, WorkerObjects.SPEC_HASH))) {
            log.info("worker {} changed; replacing its Pod", key);
            backoffs.remove(key); // a new spec is a new run
            delete(pod);
            return;
        }
        if ("Failed".equals(PodStatuses.phase(pod)) && !"Never".equals(w.restartPolicy())
                && restarts(key) < w.backoffLimit()) {
            Backoff b = backoffs.merge(key, new Backoff(1, Instant.now().plus(delay(1))),
                    (old, n) -> new Backoff(old.restarts() + 1, Instant.now().plus(delay(old.restarts() + 1))));
            log.info("worker {} failed ({}); restart {} of {} in {}", key, PodStatuses.message(pod), b.restarts(),
                    w.backoffLimit(), Duration.between(Instant.now(), b.notBefore()).toSeconds() + "s");
            delete(pod);
        }
    }

    private void ensureDeployment(WorkerSpec w) {
        String key = key(w.owner().namespace(), w.name());
        Deployment d = deployments.getStore().getByKey(key);
        if (d == null) {
            Backoff b = backoffs.get(key);
            if (b != null && Instant.now().isBefore(b.notBefore())) {
                schedule(w.owner(), Duration.between(Instant.now(), b.notBefore()));
                return;
            }
            create(() -> client.apps().deployments().resource(objects.deployment(w)).create());
        } else if (d.getMetadata().getDeletionTimestamp() == null
                && !WorkerObjects.hash(w).equals(WorkerObjects.annotation(d, WorkerObjects.SPEC_HASH))) {
            log.info("worker {} changed; updating its Deployment", key);
            Deployment updated = objects.deployment(w);
            updated.getMetadata().setResourceVersion(d.getMetadata().getResourceVersion());
            client.apps().deployments().resource(updated).update();
        }
    }

    private void removeStale(Owner owner, Map<String, WorkerSpec> wanted) {
        for (Pod p : ofOwner(pods, owner)) {
            String worker = WorkerObjects.label(p, WorkerObjects.WORKER);
            if (!fromDeployment(p) && (!wanted.containsKey(worker) || WorkerObjects.isDeployment(wanted.get(worker)))
                    && p.getMetadata().getDeletionTimestamp() == null) {
                delete(p);
            }
        }
        for (Deployment d : ofOwner(deployments, owner)) {
            WorkerSpec w = wanted.get(WorkerObjects.label(d, WorkerObjects.WORKER));
            if (w == null || !WorkerObjects.isDeployment(w)) {
                deleteQuietly(d);
            }
        }
    }

    private void ensureServices(Owner owner, List<WorkerSpec> workers) {
        Map<String, Service> wanted = new HashMap<>();
        for (WorkerSpec w : workers) {
            Integer port = WorkerObjects.servicePort(w);
            if (port != null) {
                Service s = objects.service(w, port);
                wanted.putIfAbsent(s.getMetadata().getName(), s);
            }
        }
        for (Service existing : ofOwner(services, owner)) {
            Service want = wanted.get(existing.getMetadata().getName());
            if (want == null || !Objects.equals(port(existing), port(want))) {
                deleteQuietly(existing);
            } else {
                wanted.remove(existing.getMetadata().getName());
            }
        }
        wanted.values().forEach(s -> create(() -> client.services().resource(s).create()));
    }

    private static Integer port(Service s) {
        return s.getSpec() == null || s.getSpec().getPorts() == null || s.getSpec().getPorts().isEmpty() ? null
                : s.getSpec().getPorts().get(0).getPort();
    }

    @Override
    public List<Owner> owners() {
        Map<String, Owner> owners = new LinkedHashMap<>();
        for (SharedIndexInformer<? extends HasMetadata> informer : List.of(pods, deployments, services)) {
            for (HasMetadata o : informer.getStore().list()) {
                Owner owner = owner(o);
                if (owner != null) {
                    owners.putIfAbsent(owner.key(), owner);
                }
            }
        }
        return List.copyOf(owners.values());
    }

    @Override
    public List<WorkerStatus> workers(Owner owner) {
        Map<String, WorkerStatus> byWorker = new LinkedHashMap<>();
        for (Pod p : ofOwner(pods, owner)) {
            WorkerStatus s = status(p);
            byWorker.merge(s.name(), s, PodStatuses::better);
        }
        for (Deployment d : ofOwner(deployments, owner)) {
            String worker = WorkerObjects.label(d, WorkerObjects.WORKER);
            byWorker.putIfAbsent(worker, new WorkerStatus(worker, owner(d), d.getSpec().getTemplate().getSpec()
                    .getNodeName(), WorkerPhase.Pending, restarts(key(owner.namespace(), worker)), null,
                    "Deployment " + d.getMetadata().getName() + " has no Pod yet", now()));
        }
        for (WorkerSpec w : desired.getOrDefault(owner.key(), List.of())) {
            Backoff b = backoffs.get(key(w.owner().namespace(), w.name()));
            if (!byWorker.containsKey(w.name()) && b != null) {
                byWorker.put(w.name(), new WorkerStatus(w.name(), w.owner(), w.node(), WorkerPhase.Pending,
                        b.restarts(), null, "created again after " + b.notBefore(), now()));
            }
        }
        return List.copyOf(byWorker.values());
    }

    @Override
    public Subscription onChange(Consumer<WorkerStatus> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        for (SharedIndexInformer<?> i : new SharedIndexInformer<?>[] {pods, deployments, services}) {
            if (i != null) {
                i.close();
            }
        }
    }

    // --- events

    private void podChanged(Pod p) {
        notify(status(p));
    }

    private void podDeleted(Pod p) {
        String key = key(p.getMetadata().getNamespace(), WorkerObjects.label(p, WorkerObjects.WORKER));
        Owner owner = owner(p);
        boolean ours = deleting.remove(key(p.getMetadata().getNamespace(), p.getMetadata().getName()));
        if (owner == null) {
            return;
        }
        if (fromDeployment(p)) { // its ReplicaSet replaces it: no restart of ours
            notify(status(p));
            return;
        }
        boolean stillWanted = desired.getOrDefault(owner.key(), List.of()).stream()
                .anyMatch(w -> key.equals(key(w.owner().namespace(), w.name())));
        if (stillWanted && !ours) {
            Backoff b = backoffs.merge(key, new Backoff(1, Instant.now().plus(delay(1))),
                    (old, n) -> new Backoff(old.restarts() + 1, Instant.now().plus(delay(old.restarts() + 1))));
            log.info("Pod of worker {} was deleted; creating it again in {} s", key,
                    Duration.between(Instant.now(), b.notBefore()).toSeconds());
        }
        if (stillWanted) {
            Backoff b = backoffs.get(key);
            schedule(owner, b == null ? Duration.ZERO : Duration.between(Instant.now(), b.notBefore()));
        }
        WorkerStatus last = status(p);
        notify(new WorkerStatus(last.name(), last.owner(), last.node(), WorkerPhase.Pending, last.restarts(),
                last.exitCode(), "Pod deleted", now()));
    }

    private void deploymentChanged(Deployment d) {
        Owner owner = owner(d);
        if (owner != null) {
            notify(new WorkerStatus(WorkerObjects.label(d, WorkerObjects.WORKER), owner, null, WorkerPhase.Pending,
                    0, null, null, now()));
        }
    }

    private void notify(WorkerStatus s) {
        if (s.owner() == null) {
            return;
        }
        for (Consumer<WorkerStatus> l : listeners) {
            try {
                l.accept(s);
            } catch (RuntimeException e) {
                log.warn("a listener of worker {} failed: {}", s.name(), e.toString());
            }
        }
    }

    /** Applies the owner's last workers again after {@code delay}: a deleted Pod comes back without the engine. */
    private void schedule(Owner owner, Duration delay) {
        try {
            timer.schedule(() -> {
                List<WorkerSpec> workers = desired.get(owner.key());
                if (workers != null) {
                    try {
                        apply(owner, workers);
                    } catch (RuntimeException e) {
                        log.warn("recreating the workers of {} failed: {}", owner.key(), e.getMessage());
                    }
                }
            }, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    // --- status

    private WorkerStatus status(Pod p) {
        return PodStatuses.status(p, restarts(key(p.getMetadata().getNamespace(),
                WorkerObjects.label(p, WorkerObjects.WORKER))));
    }

    // --- helpers

    private int restarts(String key) {
        Backoff b = backoffs.get(key);
        return b == null ? 0 : b.restarts();
    }

    private Duration delay(int restarts) {
        long factor = 1L << Math.min(20, Math.max(0, restarts - 1));
        Duration d = options.minBackoff().multipliedBy(factor);
        return d.compareTo(options.maxBackoff()) > 0 ? options.maxBackoff() : d;
    }

    private static <T extends HasMetadata> List<T> ofOwner(SharedIndexInformer<T> informer, Owner owner) {
        return informer.getStore().list().stream().filter(o -> owner.namespace().equals(o.getMetadata().getNamespace()))
                .filter(o -> owner.kind().equals(WorkerObjects.label(o, WorkerObjects.OWNER_KIND)))
                .filter(o -> owner.name().equals(WorkerObjects.label(o, WorkerObjects.prefix(owner.kind()) + "name")))
                .collect(Collectors.toList());
    }

    /** The owner named by an object's labels, or null for an object that is not a worker's. */
    static Owner owner(HasMetadata o) {
        String kind = WorkerObjects.label(o, WorkerObjects.OWNER_KIND);
        if (kind == null) {
            return null;
        }
        String name = WorkerObjects.label(o, WorkerObjects.prefix(kind) + "name");
        if (name == null) {
            return null;
        }
        return new Owner(kind, o.getMetadata().getNamespace(), name,
                WorkerObjects.label(o, WorkerObjects.prefix(kind) + "uid"),
                parseInt(WorkerObjects.annotation(o, WorkerObjects.GENERATION), 1));
    }

    private static boolean fromDeployment(Pod p) {
        return p.getMetadata().getOwnerReferences() != null && p.getMetadata().getOwnerReferences().stream()
                .anyMatch(r -> "ReplicaSet".equals(r.getKind()));
    }

    private void delete(Pod p) {
        deleting.add(key(p.getMetadata().getNamespace(), p.getMetadata().getName()));
        deleteQuietly(p);
    }

    private void deleteQuietly(HasMetadata o) {
        try {
            client.resource(o).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw Errors.control(e, o.getKind() + " " + o.getMetadata().getNamespace() + "/"
                        + o.getMetadata().getName(), "delete");
            }
        }
    }

    private static void create(Runnable create) {
        try {
            create.run();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) { // already there: the informer has not seen it yet
                throw e;
            }
        }
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    static int parseInt(String s, int fallback) {
        try {
            return s == null ? fallback : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String now() {
        return Instant.now().toString();
    }

    /** Adapts an informer's three callbacks to "changed" and "deleted". */
    private record Handler<T>(Consumer<T> changed, Consumer<T> deleted) implements ResourceEventHandler<T> {
        @Override
        public void onAdd(T obj) {
            changed.accept(obj);
        }

        @Override
        public void onUpdate(T oldObj, T newObj) {
            changed.accept(newObj);
        }

        @Override
        public void onDelete(T obj, boolean deletedFinalStateUnknown) {
            deleted.accept(obj);
        }
    }
}
