package io.sedna4j.control.testing;

import io.sedna4j.control.Subscription;
import io.sedna4j.control.node.Node;
import io.sedna4j.control.node.NodeRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Nodes the test registers; each change is announced as the GM's registry does. */
public final class FakeNodes implements NodeRegistry {
    private final Map<String, Node> nodes = new TreeMap<>();
    private final List<Consumer<Node>> listeners = new CopyOnWriteArrayList<>();

    public FakeNodes(Node... initial) {
        for (Node n : initial) {
            nodes.put(n.name(), n);
        }
    }

    /** A ready node at {@code <name>.example}, with no labels. */
    public static Node readyNode(String name) {
        return node(name, true, Map.of());
    }

    public static Node node(String name, boolean ready, Map<String, String> labels) {
        return new Node(name, labels, name + ".example", ready, 4, 8L << 30, 0.1, 1L << 30,
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** The standalone default: cloud, edge-1 and edge-2, all ready. */
    public static FakeNodes standard() {
        return new FakeNodes(readyNode("cloud"), readyNode("edge-1"), readyNode("edge-2"));
    }

    public void put(Node node) {
        synchronized (this) {
            nodes.put(node.name(), node);
        }
        listeners.forEach(l -> l.accept(node));
    }

    @Override
    public synchronized List<Node> nodes() {
        return List.copyOf(nodes.values());
    }

    @Override
    public synchronized Optional<Node> node(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    @Override
    public Subscription onChange(Consumer<Node> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
