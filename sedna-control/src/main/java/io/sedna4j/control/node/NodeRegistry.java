package io.sedna4j.control.node;

import io.sedna4j.control.Subscription;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The nodes known to the Global Manager. Standalone, from LC heartbeats; on Kubernetes, Node objects. */
public interface NodeRegistry {
    List<Node> nodes();

    Optional<Node> node(String name);

    /** A node registered, changed labels, or became ready or not ready. */
    Subscription onChange(Consumer<Node> listener);
}
