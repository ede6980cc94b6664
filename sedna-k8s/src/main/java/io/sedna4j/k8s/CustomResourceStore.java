package io.sedna4j.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.sedna4j.api.ApiException;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.control.ControlException;
import io.sedna4j.control.Subscription;
import io.sedna4j.control.store.ResourceStore;
import io.sedna4j.control.store.WatchEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ResourceStore} on a cluster: Sedna's custom resources, read from one informer per kind (the API server
 * is asked only to write), written with the API server's optimistic concurrency, status through the {@code status}
 * subresource. A custom resource our model cannot read (written with kubectl past a lax schema) is skipped with a
 * warning that names it, never fatal.
 */
public final class CustomResourceStore implements ResourceStore, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CustomResourceStore.class);

    private final KubernetesClient client;
    private final String namespace;
    private final Map<Kind, SharedIndexInformer<GenericKubernetesResource>> informers = new EnumMap<>(Kind.class);
    private final List<Consumer<WatchEvent>> listeners = new CopyOnWriteArrayList<>();

    /**
     * Starts the informers and waits until each has listed its kind.
     *
     * @param namespace the one namespace to watch, or null for all
     */
    public CustomResourceStore(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
        for (Kind kind : Kind.values()) {
            var resources = client.genericKubernetesResources(CustomResources.context(kind));
            var scoped = namespace == null ? resources.inAnyNamespace() : resources.inNamespace(namespace);
            try {
                informers.put(kind, scoped.inform(handler(kind), 0));
            } catch (KubernetesClientException e) {
                close();
                throw new KubernetesException(Errors.watchFailure(e, kind.plural() + "." + Resource.GROUP,
                        "install Sedna's CRDs (kubectl create -f deploy/crds/)"), e);
            }
        }
    }

    private ResourceEventHandler<GenericKubernetesResource> handler(Kind kind) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource obj) {
                publish(WatchEvent.Type.ADDED, obj, kind);
            }

            @Override
            public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource obj) {
                if (!sameVersion(old, obj)) { // periodic resyncs are the engine's business
                    publish(WatchEvent.Type.MODIFIED, obj, kind);
                }
            }

            @Override
            public void onDelete(GenericKubernetesResource obj, boolean unknownFinalState) {
                publish(WatchEvent.Type.DELETED, obj, kind);
            }
        };
    }

    private static boolean sameVersion(GenericKubernetesResource a, GenericKubernetesResource b) {
        return a.getMetadata().getResourceVersion() != null
                && a.getMetadata().getResourceVersion().equals(b.getMetadata().getResourceVersion());
    }

    private void publish(WatchEvent.Type type, GenericKubernetesResource obj, Kind kind) {
        read(obj, kind).ifPresent(r -> listeners.forEach(l -> l.accept(new WatchEvent(type, r))));
    }

    private static Optional<Resource<?, ?>> read(GenericKubernetesResource obj, Kind kind) {
        try {
            return Optional.of(CustomResources.fromGeneric(obj, kind));
        } catch (ApiException e) {
            log.warn("skipping {} {}/{}: {}; fix: correct it (sedna validate -f FILE) and apply it again",
                    kind.kindName(), obj.getMetadata().getNamespace(), obj.getMetadata().getName(), e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public Optional<Resource<?, ?>> get(Kind kind, String namespace, String name) {
        GenericKubernetesResource obj = informers.get(kind).getStore().getByKey(namespace + "/" + name);
        return obj == null ? Optional.empty() : read(obj, kind);
    }

    @Override
    public List<Resource<?, ?>> list(Kind kind, String namespace) {
        List<Resource<?, ?>> out = new ArrayList<>();
        for (GenericKubernetesResource obj : informers.get(kind).getStore().list()) {
            if (namespace == null || namespace.equals(obj.getMetadata().getNamespace())) {
                read(obj, kind).ifPresent(out::add);
            }
        }
        out.sort(Comparator.comparing((Resource<?, ?> r) -> r.metadata.namespaceOrDefault())
                .thenComparing(r -> r.metadata.name));
        return out;
    }

    @Override
    public Resource<?, ?> create(Resource<?, ?> resource) {
        GenericKubernetesResource obj = CustomResources.toGeneric(resource);
        obj.getAdditionalProperties().remove("status");
        obj.getMetadata().setResourceVersion(null);
        return write(resource, "create", () -> client.genericKubernetesResources(context(resource))
                .resource(obj).create());
    }

    @Override
    public Resource<?, ?> update(Resource<?, ?> resource) {
        GenericKubernetesResource obj = CustomResources.toGeneric(resource);
        var resources = client.genericKubernetesResources(context(resource));
        // the API server keeps the status: the status subresource is the only way to write it
        return write(resource, "update", () -> {
            if (obj.getMetadata().getResourceVersion() == null) { // no version given: this write wins
                GenericKubernetesResource current = resources.inNamespace(obj.getMetadata().getNamespace())
                        .withName(obj.getMetadata().getName()).get();
                if (current == null) {
                    throw new ControlException(ControlException.Reason.NOT_FOUND, resource.key()
                            + " does not exist; fix: create it first");
                }
                obj.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
            }
            return resources.resource(obj).update();
        });
    }

    @Override
    public Resource<?, ?> updateStatus(Resource<?, ?> resource) {
        GenericKubernetesResource obj = CustomResources.toGeneric(resource);
        return write(resource, "status update", () -> client.genericKubernetesResources(context(resource))
                .resource(obj).updateStatus());
    }

    @Override
    public Optional<Resource<?, ?>> delete(Kind kind, String namespace, String name) {
        Optional<Resource<?, ?>> current = get(kind, namespace, name);
        try {
            var deleted = client.genericKubernetesResources(CustomResources.context(kind)).inNamespace(namespace)
                    .withName(name).delete();
            return deleted.isEmpty() ? Optional.empty() : current;
        } catch (KubernetesClientException e) {
            throw Errors.control(e, kind.kindName() + "/" + namespace + "/" + name, "delete");
        }
    }

    @Override
    public Subscription watch(Consumer<WatchEvent> listener) {
        // one thread per subscription, in order: the informers of the kinds call back on threads of their own
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sedna-crd-watch");
            t.setDaemon(true);
            return t;
        });
        Consumer<WatchEvent> queued = e -> thread.execute(() -> {
            try {
                listener.accept(e);
            } catch (RuntimeException ex) {
                log.warn("a watcher of {} failed: {}", e.resource().key(), ex.toString(), ex);
            }
        });
        listeners.add(queued);
        return () -> {
            listeners.remove(queued);
            thread.shutdown();
        };
    }

    /** The namespace watched, or null for all. */
    public String namespace() {
        return namespace;
    }

    @Override
    public void close() {
        informers.values().forEach(SharedIndexInformer::close);
        informers.clear();
    }

    private static io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext context(Resource<?, ?> r) {
        Kind kind = r.kindInfo();
        if (kind == null) {
            throw new ControlException(ControlException.Reason.INVALID, "unknown kind \"" + r.kind + "\" for "
                    + r.metadata.name + "; fix: use one of " + Kind.names());
        }
        return CustomResources.context(kind);
    }

    private interface Write {
        GenericKubernetesResource run();
    }

    private static Resource<?, ?> write(Resource<?, ?> resource, String what, Write write) {
        try {
            return CustomResources.fromGeneric(write.run(), resource.kindInfo());
        } catch (KubernetesClientException e) {
            throw Errors.control(e, resource.key(), what);
        }
    }
}
