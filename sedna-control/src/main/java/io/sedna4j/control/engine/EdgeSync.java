package io.sedna4j.control.engine;

import io.sedna4j.api.link.Frame;
import io.sedna4j.api.link.Operation;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.control.edge.EdgeChannel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each node's Local Controller supplied with the resources it needs: {@code insert} when a resource (or a
 * reference it carries along) changed or a node joined its set, {@code delete} when a node left the set or the
 * resource is gone. The channel is durable and acknowledged, so unchanged resources are not re-sent on resync.
 * Calls for one resource are serialized by the work queue.
 */
final class EdgeSync {
    private final EdgeChannel edge;
    private final Map<ResourceKey, Sent> sent = new ConcurrentHashMap<>();

    /** What was last sent for a resource: its content, version and nodes, and the versions of its references. */
    private record Sent(Resource<?, ?> resource, String version, Set<String> nodes, Map<String, String> references) {
    }

    EdgeSync(EdgeChannel edge) {
        this.edge = edge;
    }

    /**
     * @param withStatus whether a status change alone makes the resource worth sending again; otherwise only a
     *                   spec change (its generation) does
     */
    void sync(ResourceKey key, Resource<?, ?> current, Set<String> wanted, List<Resource<?, ?>> references,
              boolean withStatus) {
        Set<String> nodes = new TreeSet<>(wanted == null ? Set.of() : wanted);
        nodes.removeIf(n -> n == null || n.isEmpty());
        Sent previous = sent.get(key);
        if (previous == null && nodes.isEmpty()) {
            return;
        }
        if (previous != null) {
            for (String node : previous.nodes()) {
                if (!nodes.contains(node)) {
                    send(node, ResourceKey.of(previous.resource()), Operation.DELETE, previous.resource());
                }
            }
        }
        String version = withStatus ? current.metadata.resourceVersion : "generation " + current.metadata.generation;
        boolean changed = previous == null || !Objects.equals(previous.version(), version);
        Frame insert = null; // serialized once, however many nodes get it
        Map<String, String> referenceVersions = new HashMap<>();
        for (String node : nodes) {
            boolean newNode = previous == null || !previous.nodes().contains(node);
            for (Resource<?, ?> ref : references) {
                String refKey = ref.key();
                String refVersion = ref.metadata.resourceVersion;
                referenceVersions.put(refKey, refVersion);
                boolean refChanged = previous == null || !Objects.equals(previous.references().get(refKey), refVersion);
                if (newNode || refChanged) {
                    send(node, ResourceKey.of(ref), Operation.INSERT, ref); // references first: the job needs them
                }
            }
            if (newNode || changed) {
                if (insert == null) {
                    insert = frame(key, Operation.INSERT, current);
                }
                edge.send(node, insert);
            }
        }
        sent.put(key, new Sent(current, version, Set.copyOf(nodes), referenceVersions));
    }

    /** The resource is gone: every node it was sent to gets a {@code delete}. */
    void deleted(ResourceKey key) {
        Sent previous = sent.remove(key);
        if (previous != null) {
            for (String node : previous.nodes()) {
                send(node, key, Operation.DELETE, previous.resource());
            }
        }
    }

    private void send(String node, ResourceKey key, String operation, Resource<?, ?> resource) {
        edge.send(node, frame(key, operation, resource));
    }

    private static Frame frame(ResourceKey key, String operation, Resource<?, ?> resource) {
        return Frame.of(new Frame.Header(key.namespace(), key.headerKind(), key.name(), operation), resource);
    }
}
