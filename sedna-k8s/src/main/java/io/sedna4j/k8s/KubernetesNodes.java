package io.sedna4j.k8s;

import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.sedna4j.control.Subscription;
import io.sedna4j.control.node.Node;
import io.sedna4j.control.node.NodeRegistry;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The nodes of the cluster, KubeEdge's edge nodes included, from a Node informer: labels for {@code nodeSelector},
 * the InternalIP as the address other nodes' workers use, Ready from the kubelet's (or edgecore's) Ready condition.
 */
public final class KubernetesNodes implements NodeRegistry, AutoCloseable {
    private final SharedIndexInformer<io.fabric8.kubernetes.api.model.Node> informer;
    private final List<Consumer<Node>> listeners = new CopyOnWriteArrayList<>();

    public KubernetesNodes(KubernetesClient client) {
        try {
            informer = client.nodes().inform(new ResourceEventHandler<>() {
                @Override
                public void onAdd(io.fabric8.kubernetes.api.model.Node obj) {
                    changed(obj);
                }

                @Override
                public void onUpdate(io.fabric8.kubernetes.api.model.Node old, io.fabric8.kubernetes.api.model.Node obj) {
                    Node before = toNode(old);
                    Node after = toNode(obj);
                    // kubelets renew their conditions every few seconds: only what placement uses is a change
                    if (before.ready() != after.ready() || !before.labels().equals(after.labels())
                            || !before.address().equals(after.address())) {
                        changed(obj);
                    }
                }

                @Override
                public void onDelete(io.fabric8.kubernetes.api.model.Node obj, boolean unknownFinalState) {
                    changed(obj);
                }
            }, 0);
        } catch (KubernetesClientException e) {
            throw new KubernetesException(Errors.watchFailure(e, "the cluster's nodes",
                    "check that the server is a Kubernetes API server"), e);
        }
    }

    private void changed(io.fabric8.kubernetes.api.model.Node obj) {
        Node node = toNode(obj);
        listeners.forEach(l -> l.accept(node));
    }

    @Override
    public List<Node> nodes() {
        return informer.getStore().list().stream().map(KubernetesNodes::toNode)
                .sorted(Comparator.comparing(Node::name)).toList();
    }

    @Override
    public Optional<Node> node(String name) {
        return Optional.ofNullable(informer.getStore().getByKey(name)).map(KubernetesNodes::toNode);
    }

    @Override
    public Subscription onChange(Consumer<Node> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void close() {
        informer.close();
    }

    static Node toNode(io.fabric8.kubernetes.api.model.Node n) {
        String name = n.getMetadata().getName();
        Map<String, String> labels = n.getMetadata().getLabels() == null ? Map.of()
                : Map.copyOf(n.getMetadata().getLabels());
        var status = n.getStatus();
        String address = name;
        boolean ready = false;
        Instant heartbeat = null;
        int cpu = 0;
        long memory = 0;
        if (status != null) {
            for (NodeAddress a : status.getAddresses() == null ? List.<NodeAddress>of() : status.getAddresses()) {
                if ("InternalIP".equals(a.getType()) && a.getAddress() != null) {
                    address = a.getAddress();
                }
            }
            for (NodeCondition c : status.getConditions() == null ? List.<NodeCondition>of() : status.getConditions()) {
                if ("Ready".equals(c.getType())) {
                    ready = "True".equals(c.getStatus());
                    heartbeat = parse(c.getLastHeartbeatTime());
                }
            }
            Map<String, Quantity> capacity = status.getCapacity() == null ? Map.of() : status.getCapacity();
            if (capacity.get("cpu") != null) {
                cpu = Quantity.getAmountInBytes(capacity.get("cpu")).intValue();
            }
            if (capacity.get("memory") != null) {
                memory = Quantity.getAmountInBytes(capacity.get("memory")).longValue();
            }
        }
        return new Node(name, labels, address, ready, cpu, memory, 0, 0, heartbeat);
    }

    private static Instant parse(String time) {
        try {
            return time == null ? null : Instant.parse(time);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
