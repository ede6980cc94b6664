package io.sedna4j.gm.link;

import io.sedna4j.api.link.Frame;
import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection of one node's Local Controller. Sends are asynchronous (Jetty queues them in call
 * order); acknowledgements of the node's frames are coalesced to at most one bare ack per 100 ms.
 */
final class NodeLink {
    private static final Logger LOG = LoggerFactory.getLogger(NodeLink.class);
    static final long ACK_INTERVAL_MILLIS = 100;

    final String node;
    final String remote;
    private final WsContext ws;
    private final ScheduledExecutorService timer;
    private long ackToSend;
    private boolean ackScheduled;
    private long lastAckAt;
    private volatile boolean closed;

    NodeLink(String node, String remote, WsContext ws, ScheduledExecutorService timer) {
        this.node = node;
        this.remote = remote;
        this.ws = ws;
        this.timer = timer;
    }

    String sessionId() {
        return ws.sessionId();
    }

    boolean isClosed() {
        return closed || !ws.session.isOpen();
    }

    synchronized void send(Frame frame) {
        if (isClosed()) {
            return; // the frame stays in the outbox and is resent on the next connection
        }
        ws.session.sendText(frame.toJson(), Callback.from(() -> { }, failure -> {
            LOG.warn("sending to node {} at {} failed ({}); closing the link, the node's frames stay queued",
                    node, remote, failure.toString());
            close(1011, "send failed");
        }));
    }

    /** Acknowledges the node's frames up to {@code seq}, now or within {@value #ACK_INTERVAL_MILLIS} ms. */
    synchronized void acknowledge(long seq) {
        ackToSend = Math.max(ackToSend, seq);
        if (ackScheduled) {
            return;
        }
        ackScheduled = true;
        long delay = Math.max(0, lastAckAt + ACK_INTERVAL_MILLIS - System.currentTimeMillis());
        try {
            timer.schedule(this::flushAck, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            ackScheduled = false; // the hub is closing; the node resends and gets its ack next time
        }
    }

    private synchronized void flushAck() {
        ackScheduled = false;
        lastAckAt = System.currentTimeMillis();
        send(Frame.ack(ackToSend));
    }

    void configure(Duration idleTimeout, long maxMessageBytes) {
        ws.session.setIdleTimeout(idleTimeout);
        ws.session.setMaxTextMessageSize(maxMessageBytes);
    }

    void close(int code, String reason) {
        closed = true;
        try {
            ws.closeSession(code, reason);
        } catch (RuntimeException e) {
            LOG.debug("closing the link of node {} failed: {}", node, e.toString());
        }
    }
}
