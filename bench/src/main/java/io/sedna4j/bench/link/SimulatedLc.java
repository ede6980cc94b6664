package io.sedna4j.bench.link;

import io.sedna4j.api.link.Frame;
import io.sedna4j.api.link.NodeReport;
import io.sedna4j.api.link.Operation;
import io.sedna4j.api.link.WorkerPhase;
import io.sedna4j.api.link.WorkerSpec;
import io.sedna4j.api.link.WorkerStatus;
import java.net.http.WebSocket;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One node's Local Controller as the GM sees it, and no more (docs/protocol.md): a first heartbeat with an empty
 * worker list, then one every {@link Fleet#heartbeatMillis()}; every GM frame applied once and acknowledged
 * cumulatively, at most every 100 ms; each {@code worker/run} answered with a {@code worker/phase} Running from a
 * numbered in-memory outbox, dropped when the GM acknowledges it. It runs nothing and persists nothing.
 *
 * <p>It owns no thread: the {@link Fleet}'s HttpClient executor delivers frames, its scheduler sends heartbeats and
 * acks. Large frames (the GM sends whole resources) are not kept: their header and sequence numbers are read from
 * the head and the tail of the text as it streams in.
 */
public final class SimulatedLc implements WebSocket.Listener {
    static final long ACK_INTERVAL_MILLIS = 100;
    /** Frames up to this size are parsed whole; larger ones only from their head and tail. */
    private static final int WHOLE_LIMIT = 64 * 1024;
    private static final int TAIL = 256;
    private static final Pattern OPERATION = Pattern.compile("\"operation\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern SEQ = Pattern.compile("\"seq\"\\s*:\\s*(\\d+)");
    private static final Pattern ACK = Pattern.compile("\"ack\"\\s*:\\s*(\\d+)");

    private final Fleet fleet;
    private final String node;
    private final int index;
    private volatile WebSocket ws;
    private final AtomicBoolean opened = new AtomicBoolean();
    private volatile boolean closed;
    private ScheduledFuture<?> heartbeats;

    // receiving (the JDK calls onText for one socket at a time, so these need no lock)
    private StringBuilder head = new StringBuilder();
    private final StringBuilder tail = new StringBuilder();
    private int length;

    // the link's state; guarded by this
    private long applied;
    private long ackToSend;
    private boolean ackScheduled;
    private long lastAckAt;
    private long nextSeq = System.currentTimeMillis() * 1000;
    private final ArrayDeque<Long> outbox = new ArrayDeque<>();

    // one send at a time, as java.net.http.WebSocket requires
    private final ConcurrentLinkedQueue<String> toSend = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();

    SimulatedLc(Fleet fleet, int index, String node) {
        this.fleet = fleet;
        this.index = index;
        this.node = node;
    }

    public String node() {
        return node;
    }

    public int index() {
        return index;
    }

    /** Frames sent to the GM and not acknowledged yet. */
    public synchronized int unacknowledged() {
        return outbox.size();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        ws = webSocket;
        webSocket.request(1);
    }

    /** The connection is up: the first heartbeat, with the (empty) worker list, then one every period. */
    void connected() {
        if (!opened.compareAndSet(false, true)) {
            return;
        }
        send(heartbeat(true));
        long period = fleet.heartbeatMillis();
        long offset = period * index / Math.max(1, fleet.size()); // spread over the period, as real nodes are
        heartbeats = fleet.scheduler().scheduleAtFixedRate(() -> send(heartbeat(false)), period + offset, period,
                TimeUnit.MILLISECONDS);
    }

    private String heartbeat(boolean first) {
        NodeReport report = new NodeReport(node, Map.of("sedna4j.io/bench", "gm-scale", "zone", "zone-" + index % 16),
                "10." + (index >> 16 & 255) + "." + (index >> 8 & 255) + "." + (index & 255), 4, 8L << 30, 0.1,
                1L << 30, "bench", first ? List.of() : null);
        return Frame.of(new Frame.Header("", "node", node, Operation.HEARTBEAT), report).toJson();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        try {
            int room = WHOLE_LIMIT - head.length();
            if (room > 0) {
                head.append(data, 0, Math.min(room, data.length()));
            }
            length += data.length();
            if (length > WHOLE_LIMIT) {
                tail.append(data, Math.max(0, data.length() - TAIL), data.length());
                if (tail.length() > 2 * TAIL) {
                    tail.delete(0, tail.length() - TAIL);
                }
            }
            if (last) {
                int size = length;
                String text = size <= WHOLE_LIMIT ? head.toString() : null;
                String headText = text == null ? head.toString() : null;
                String tailText = text == null ? tail.toString() : null;
                if (head.capacity() > 4 * 1024) {
                    head = new StringBuilder(); // do not keep 64 KB per node for the next small frame
                } else {
                    head.setLength(0);
                }
                tail.setLength(0);
                length = 0;
                if (text != null) {
                    received(Frame.fromJson(text), text, size);
                } else {
                    received(headText, tailText, size);
                }
            }
        } catch (RuntimeException e) {
            fleet.problem(node + " could not read a frame: " + e);
        }
        webSocket.request(1);
        return null;
    }

    /** A large frame, known by its head and tail (Frame writes header first, then content, then seq and ack). */
    private void received(String headText, String tailText, int size) {
        Matcher op = OPERATION.matcher(headText);
        Matcher seq = SEQ.matcher(tailText);
        Matcher ack = ACK.matcher(tailText);
        Long s = null;
        Long a = null;
        while (seq.find()) {
            s = Long.parseLong(seq.group(1));
        }
        while (ack.find()) {
            a = Long.parseLong(ack.group(1));
        }
        handle(op.find() ? op.group(1) : null, s, a, null, null, size);
    }

    private void received(Frame frame, String text, int size) {
        handle(frame.header() == null ? null : frame.header().operation(), frame.seq(), frame.ack(), frame, text, size);
    }

    private void handle(String operation, Long seq, Long ack, Frame frame, String text, int size) {
        long now = System.nanoTime();
        if (ack != null) {
            synchronized (this) {
                while (!outbox.isEmpty() && outbox.peekFirst() <= ack) {
                    outbox.pollFirst();
                }
            }
        }
        if (seq == null) {
            fleet.countReceived(this, operation == null ? "ack" : operation, size, text, now);
            return; // a bare ack
        }
        boolean apply;
        synchronized (this) {
            apply = seq > applied;
            if (apply) {
                applied = seq;
            }
        }
        if (apply) {
            fleet.countReceived(this, operation == null ? "unknown" : operation, size, text, now);
            if (Operation.WORKER_RUN.equals(operation) && frame != null) {
                running(frame.content(WorkerSpec.class));
            }
        } else {
            fleet.duplicate();
        }
        acknowledge();
    }

    /** Answers a worker/run: the worker is Running (nothing runs; the GM cannot tell). */
    private void running(WorkerSpec spec) {
        String namespace = spec.owner() == null ? "default" : spec.owner().namespace();
        WorkerStatus status = new WorkerStatus(spec.name(), spec.owner(), node, WorkerPhase.Running, 0, null,
                "started by the simulated LC", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        String text;
        synchronized (this) {
            long seq = nextSeq++;
            outbox.addLast(seq);
            text = Frame.of(new Frame.Header(namespace, "worker", spec.name(), Operation.WORKER_PHASE), status)
                    .withSeq(seq).toJson();
        }
        send(text);
        fleet.phaseSent();
    }

    private synchronized void acknowledge() {
        ackToSend = Math.max(ackToSend, applied);
        if (ackScheduled) {
            return;
        }
        ackScheduled = true;
        long delay = Math.max(0, lastAckAt + ACK_INTERVAL_MILLIS - System.currentTimeMillis());
        try {
            fleet.scheduler().schedule(this::flushAck, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            ackScheduled = false; // the fleet is closing
        }
    }

    private void flushAck() {
        long ack;
        synchronized (this) {
            ackScheduled = false;
            lastAckAt = System.currentTimeMillis();
            ack = ackToSend;
        }
        send(Frame.ack(ack).toJson());
    }

    void send(String text) {
        if (closed || ws == null) {
            return;
        }
        toSend.add(text);
        pump();
    }

    private void pump() {
        while (sending.compareAndSet(false, true)) {
            String next = toSend.poll();
            if (next == null) {
                sending.set(false);
                if (toSend.isEmpty()) {
                    return;
                }
                continue; // something came in between poll and release
            }
            fleet.countSent(next.length());
            ws.sendText(next, true).whenComplete((w, failure) -> {
                if (failure != null && !closed) {
                    fleet.problem(node + " could not send: " + failure);
                }
                sending.set(false);
                pump();
            });
            return;
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        if (!closed) {
            fleet.problem(node + " was disconnected by the server: " + statusCode + " " + reason);
        }
        stop();
        fleet.closed(this);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        if (!closed) {
            fleet.problem(node + " link failed: " + error);
        }
        stop();
        fleet.closed(this);
    }

    private void stop() {
        closed = true;
        ScheduledFuture<?> h = heartbeats;
        if (h != null) {
            h.cancel(false);
        }
    }

    /** Closes the connection politely; {@link #abort()} if the server does not answer. */
    void close() {
        stop();
        WebSocket w = ws;
        if (w != null && !w.isOutputClosed()) {
            w.sendClose(WebSocket.NORMAL_CLOSURE, "benchmark over").exceptionally(e -> null);
        }
    }

    void abort() {
        stop();
        WebSocket w = ws;
        if (w != null) {
            w.abort();
        }
    }

    boolean isClosed() {
        WebSocket w = ws;
        return w == null || w.isInputClosed();
    }
}
