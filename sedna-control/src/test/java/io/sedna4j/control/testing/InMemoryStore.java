package io.sedna4j.control.testing;

import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.control.ControlException;
import io.sedna4j.control.Subscription;
import io.sedna4j.control.engine.Resources;
import io.sedna4j.control.store.ResourceStore;
import io.sedna4j.control.store.WatchEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/** A ResourceStore in memory with Kubernetes' semantics: resourceVersion, conflicts, generation, ordered watch. */
public final class InMemoryStore implements ResourceStore {
    private final Map<String, Resource<?, ?>> resources = new TreeMap<>();
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
    private long version;
    /** Status writes that fail with CONFLICT before the next one succeeds (to test retries). */
    private int conflictsToInject;

    private record Watcher(Consumer<WatchEvent> listener, ExecutorService thread) {
    }

    @Override
    public synchronized Optional<Resource<?, ?>> get(Kind kind, String namespace, String name) {
        return Optional.ofNullable(Resources.copy(resources.get(key(kind.kindName(), namespace, name))));
    }

    @Override
    public synchronized List<Resource<?, ?>> list(Kind kind, String namespace) {
        List<Resource<?, ?>> out = new ArrayList<>();
        for (Resource<?, ?> r : resources.values()) {
            if (r.kindInfo() == kind && (namespace == null || namespace.equals(r.metadata.namespaceOrDefault()))) {
                out.add(Resources.copy(r));
            }
        }
        out.sort(Comparator.comparing((Resource<?, ?> r) -> r.metadata.namespaceOrDefault())
                .thenComparing(r -> r.metadata.name));
        return out;
    }

    @Override
    public synchronized Resource<?, ?> create(Resource<?, ?> resource) {
        String key = resource.key();
        if (resources.containsKey(key)) {
            throw new ControlException(ControlException.Reason.ALREADY_EXISTS, key + " already exists");
        }
        Resource<?, ?> r = Resources.copy(resource);
        r.metadata.namespace = r.metadata.namespaceOrDefault();
        r.metadata.uid = UUID.randomUUID().toString();
        r.metadata.generation = 1L;
        r.metadata.resourceVersion = Long.toString(++version);
        r.metadata.creationTimestamp = Instant.now().toString();
        r.status = null;
        resources.put(key, r);
        emit(WatchEvent.Type.ADDED, r);
        return Resources.copy(r);
    }

    @Override
    public synchronized Resource<?, ?> update(Resource<?, ?> resource) {
        Resource<?, ?> stored = existing(resource);
        Resource<?, ?> r = Resources.copy(resource);
        setStatus(r, stored.status);
        r.metadata.uid = stored.metadata.uid;
        r.metadata.namespace = stored.metadata.namespace;
        r.metadata.creationTimestamp = stored.metadata.creationTimestamp;
        r.metadata.generation = stored.metadata.generation + (Resources.differ(stored.spec, r.spec) ? 1 : 0);
        r.metadata.resourceVersion = Long.toString(++version);
        resources.put(r.key(), r);
        emit(WatchEvent.Type.MODIFIED, r);
        return Resources.copy(r);
    }

    @Override
    public synchronized Resource<?, ?> updateStatus(Resource<?, ?> resource) {
        Resource<?, ?> stored = existing(resource);
        if (conflictsToInject > 0) {
            conflictsToInject--;
            throw new ControlException(ControlException.Reason.CONFLICT, resource.key() + " changed (injected)");
        }
        Resource<?, ?> r = Resources.copy(stored);
        setStatus(r, Resources.copy(resource.status));
        r.metadata.resourceVersion = Long.toString(++version);
        resources.put(r.key(), r);
        emit(WatchEvent.Type.MODIFIED, r);
        return Resources.copy(r);
    }

    @Override
    public synchronized Optional<Resource<?, ?>> delete(Kind kind, String namespace, String name) {
        Resource<?, ?> r = resources.remove(key(kind.kindName(), namespace, name));
        if (r != null) {
            emit(WatchEvent.Type.DELETED, r);
        }
        return Optional.ofNullable(r);
    }

    @Override
    public Subscription watch(Consumer<WatchEvent> listener) {
        Watcher w = new Watcher(listener, Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "store-watch");
            t.setDaemon(true);
            return t;
        }));
        watchers.add(w);
        return () -> {
            watchers.remove(w);
            w.thread().shutdownNow();
        };
    }

    /** The next {@code n} status writes fail with CONFLICT. */
    public synchronized void injectConflicts(int n) {
        conflictsToInject = n;
    }

    /** Creates every resource given (e.g. an example manifest's). */
    public void createAll(List<Resource<?, ?>> all) {
        all.forEach(this::create);
    }

    private Resource<?, ?> existing(Resource<?, ?> resource) {
        Resource<?, ?> stored = resources.get(resource.key());
        if (stored == null) {
            throw new ControlException(ControlException.Reason.NOT_FOUND, resource.key() + " does not exist");
        }
        String rv = resource.metadata.resourceVersion;
        if (rv != null && !rv.equals(stored.metadata.resourceVersion)) {
            throw new ControlException(ControlException.Reason.CONFLICT, resource.key() + " is at version "
                    + stored.metadata.resourceVersion + ", not " + rv);
        }
        return stored;
    }

    private void emit(WatchEvent.Type type, Resource<?, ?> r) {
        for (Watcher w : watchers) {
            WatchEvent event = new WatchEvent(type, Resources.copy(r));
            w.thread().execute(() -> w.listener().accept(event));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void setStatus(Resource r, Object status) {
        r.status = status;
    }

    private static String key(String kind, String namespace, String name) {
        return kind + "/" + (namespace == null || namespace.isEmpty() ? "default" : namespace) + "/" + name;
    }
}
