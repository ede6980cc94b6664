package io.sedna4j.gm;

import io.sedna4j.api.link.Frame;
import io.sedna4j.api.link.NodeReport;
import io.sedna4j.api.link.Operation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A Local Controller as the GM sees it, on the JDK's WebSocket client: it sends and receives frames, nothing else. */
public final class FakeLc implements AutoCloseable {
    private final BlockingQueue<Frame> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket ws;
    private final String node;

    private FakeLc(String node, URI gm, String token) throws InterruptedException, ExecutionException,
            java.util.concurrent.TimeoutException {
        this.node = node;
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder().header("Node-Name", node)
                .connectTimeout(Duration.ofSeconds(5));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        ws = b.buildAsync(URI.create("ws://" + gm.getHost() + ":" + gm.getPort() + "/ws"), new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    received.add(Frame.fromJson(text.toString()));
                    text.setLength(0);
                }
                w.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
                closed.complete(status);
                return null;
            }

            @Override
            public void onError(WebSocket w, Throwable error) {
                closed.complete(-1);
            }
        }).get(5, TimeUnit.SECONDS);
    }

    public static FakeLc connect(URI gm, String node, String token) throws Exception {
        return new FakeLc(node, gm, token);
    }

    /** The HTTP status with which the GM refused the upgrade. */
    public static int refusal(URI gm, String node, String token) throws Exception {
        try {
            new FakeLc(node, gm, token).close();
            return 101;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
    }

    public String node() {
        return node;
    }

    public void send(Frame frame) {
        ws.sendText(frame.toJson(), true).join();
    }

    public void ack(long seq) {
        send(Frame.ack(seq));
    }

    /** An unnumbered heartbeat, as LCs send every 5 s. */
    public void heartbeat(NodeReport report) {
        send(Frame.of(new Frame.Header("", "node", node, Operation.HEARTBEAT), report));
    }

    public static NodeReport report(String node, java.util.Map<String, String> labels,
                                    List<io.sedna4j.api.link.WorkerStatus> workers) {
        return new NodeReport(node, labels, "10.0.0.7", 4, 8L << 30, 0.25, 1L << 30, "0.1.0", workers);
    }

    /** The next frame that is not a bare ack, or null after {@code timeout}. */
    public Frame next(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Frame f = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (f == null || !f.isBareAck()) {
                return f;
            }
        }
    }

    /** The next {@code n} frames that are not bare acks; fails if they do not come within 5 s. */
    public List<Frame> next(int n) throws InterruptedException {
        List<Frame> frames = new ArrayList<>();
        while (frames.size() < n) {
            Frame f = next(Duration.ofSeconds(5));
            if (f == null) {
                throw new AssertionError("expected " + n + " frames, got " + frames.size() + ": " + frames);
            }
            frames.add(f);
        }
        return frames;
    }

    /** The highest acknowledgement received within {@code timeout} (bare acks or piggybacked), or null. */
    public Long ackWithin(Duration timeout, long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Long best = null;
        while (System.nanoTime() < deadline) {
            Frame f = received.poll(20, TimeUnit.MILLISECONDS);
            if (f != null && f.ack() != null) {
                best = best == null ? f.ack() : Math.max(best, f.ack());
                if (best >= atLeast) {
                    return best;
                }
            }
        }
        return best;
    }

    public boolean closedByServer(Duration timeout) {
        try {
            closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            ws.abort();
        }
        closedByServer(Duration.ofSeconds(2));
    }
}
