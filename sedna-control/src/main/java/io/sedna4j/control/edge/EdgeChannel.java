package io.sedna4j.control.edge;

import io.sedna4j.api.link.Frame;
import io.sedna4j.control.Subscription;
import java.util.function.BiConsumer;

/**
 * The GM's side of the GM ⇄ LC link: durable, acknowledged delivery to a node, whether or not it is connected now,
 * and the frames nodes send up. See docs/protocol.md.
 */
public interface EdgeChannel {
    /** Queues {@code frame} for {@code node}; it is delivered, in order, once the node is connected. */
    void send(String node, Frame frame);

    /** Frames from nodes, each delivered once, in the order each node sent them. */
    Subscription onUpstream(BiConsumer<String, Frame> handler);
}
