package io.sedna4j.control.testing;

import io.sedna4j.api.link.Frame;
import io.sedna4j.control.Subscription;
import io.sedna4j.control.edge.EdgeChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/** An EdgeChannel that records what is sent down and lets the test send frames up. */
public final class RecordingEdge implements EdgeChannel {
    /** A frame sent to a node. */
    public record Sent(String node, Frame frame) {
        public String operation() {
            return frame.header().operation();
        }

        public String name() {
            return frame.header().resourceName();
        }

        public String kind() {
            return frame.header().resourceKind();
        }
    }

    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<String, Frame>> handlers = new CopyOnWriteArrayList<>();

    @Override
    public void send(String node, Frame frame) {
        sent.add(new Sent(node, frame));
    }

    @Override
    public Subscription onUpstream(BiConsumer<String, Frame> handler) {
        handlers.add(handler);
        return () -> handlers.remove(handler);
    }

    /** A node sends {@code frame} up; returns when the handlers have run. */
    public void deliver(String node, Frame frame) {
        handlers.forEach(h -> h.accept(node, frame));
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** Frames about one resource, by operation and node, in order. */
    public List<Sent> sent(String resourceName) {
        return sent.stream().filter(s -> resourceName.equals(s.name())).toList();
    }
}
