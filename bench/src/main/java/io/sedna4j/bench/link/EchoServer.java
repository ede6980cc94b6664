package io.sedna4j.bench.link;

import io.javalin.Javalin;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.websocket.WsContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.websocket.api.Callback;

/**
 * The transport-only baseline: a bare Javalin WebSocket endpoint at {@code /ws}, on the same server and WebSocket
 * stack the GM uses, with the same token check before the upgrade and the same session settings, and no control
 * plane behind it. It counts heartbeats and {@code worker/phase} frames (answering each with a bare ack), and sends
 * nodes whatever frames it is told to, in order, keeping at most {@link #IN_FLIGHT_BYTES} queued in the server.
 */
public final class EchoServer implements AutoCloseable {
    /** Bytes handed to Jetty and not written yet; bounds the server's memory whatever it is asked to send. */
    static final int IN_FLIGHT_BYTES = 64 << 20;
    private static final String BARE_ACK = "{\"ack\":%d}";
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    private final String token;
    private final Javalin app;
    private final Map<String, WsContext> sessions = new ConcurrentHashMap<>();
    private final Set<String> heartbeatNodes = ConcurrentHashMap.newKeySet();
    private final AtomicLong heartbeats = new AtomicLong();
    private final AtomicLong phases = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT_BYTES);

    public EchoServer(String token) {
        this.token = token;
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.routes.wsBeforeUpgrade("/ws", ctx -> {
                String auth = ctx.header("Authorization");
                if (token != null && (auth == null || !MessageDigest.isEqual(
                        auth.replaceFirst("^Bearer ", "").getBytes(StandardCharsets.UTF_8),
                        token.getBytes(StandardCharsets.UTF_8)))) {
                    throw new UnauthorizedResponse("wrong token");
                }
            });
            cfg.routes.ws("/ws", ws -> {
                ws.onConnect(ctx -> {
                    ctx.session.setIdleTimeout(Duration.ofMinutes(2));
                    ctx.session.setMaxTextMessageSize(16L * 1024 * 1024);
                    sessions.put(ctx.header("Node-Name"), ctx);
                });
                ws.onMessage(ctx -> {
                    String m = ctx.message();
                    if (m.contains("\"operation\":\"heartbeat\"")) {
                        heartbeats.incrementAndGet();
                        heartbeatNodes.add(ctx.header("Node-Name"));
                    } else if (m.contains("\"operation\":\"worker/phase\"")) {
                        phases.incrementAndGet();
                        Matcher seq = SEQ.matcher(m);
                        if (seq.find()) {
                            send(ctx, String.format(BARE_ACK, Long.parseLong(seq.group(1))));
                        }
                    }
                });
                ws.onClose(ctx -> sessions.remove(ctx.header("Node-Name"), ctx));
            });
        }).start("127.0.0.1", 0);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + app.port());
    }

    /** Nodes whose first heartbeat arrived. */
    public int nodesHeard() {
        return heartbeatNodes.size();
    }

    public long phases() {
        return phases.get();
    }

    public long sendFailures() {
        return failures.get();
    }

    /**
     * Sends each node its frames, node after node, as fast as the transport takes them (at most
     * {@link #IN_FLIGHT_BYTES} queued), on the calling thread. Frames are made as they are sent, so that what is
     * replayed need not fit in memory at once.
     *
     * @param nodes    the nodes, in the order to serve them
     * @param framesOf a node's frames, in order
     * @return false if the deadline passed first
     */
    public boolean sendAll(List<String> nodes, Function<String, Iterator<String>> framesOf, long deadlineNanos)
            throws InterruptedException {
        for (String node : nodes) {
            WsContext ctx = sessions.get(node);
            if (ctx == null) {
                failures.incrementAndGet();
                continue;
            }
            for (Iterator<String> it = framesOf.apply(node); it.hasNext(); ) {
                String text = it.next();
                int permits = Math.min(IN_FLIGHT_BYTES, text.length());
                if (!inFlight.tryAcquire(permits, Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    return false;
                }
                ctx.session.sendText(text, Callback.from(() -> inFlight.release(permits), failure -> {
                    inFlight.release(permits);
                    failures.incrementAndGet();
                }));
            }
        }
        return true;
    }

    private void send(WsContext ctx, String text) {
        ctx.session.sendText(text, Callback.from(() -> { }, failure -> failures.incrementAndGet()));
    }

    @Override
    public void close() {
        app.stop();
    }
}
