package io.sedna4j.lc.link;

import io.sedna4j.api.link.Frame;
import io.sedna4j.api.link.NodeReport;
import io.sedna4j.api.link.Operation;
import io.sedna4j.lc.Json;
import io.sedna4j.lc.LcConfig;
import io.sedna4j.lc.LcException;
import io.sedna4j.lc.LcTimings;
import io.sedna4j.lc.store.LcDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LC's side of the GM ⇄ LC link (docs/protocol.md): one WebSocket to {@code ws://<gm>/ws}, reconnected with
 * backoff; every upstream frame comes from the durable {@link Outbox} and is resent until acknowledged; downstream
 * frames are applied once each, in order, on one thread, and acknowledged cumulatively.
 *
 * <p>Two threads: the link thread connects and is the only writer on the socket (heartbeats, outbox, acks), so
 * sends never interleave; the dispatch thread applies what the GM sends.
 */
public final class GmLink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GmLink.class);
    private static final String APPLIED = "link.appliedSeq";
    private static final int BATCH = 64;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final LcConfig config;
    private final LcTimings timings;
    private final URI url;
    private final LcDatabase db;
    private final Outbox outbox;
    private final Map<String, Consumer<Frame>> handlers;
    private final Function<Boolean, NodeReport> heartbeat;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    private final BlockingQueue<String> inbound = new LinkedBlockingQueue<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Object signal = new Object();
    private boolean woken; // guarded by signal
    private final Thread linkThread;
    private final Thread dispatchThread;
    private volatile boolean closed;
    private volatile Connection current;
    private volatile long applied;
    private volatile boolean ackDue;
    private String lastProblem; // link thread only

    /**
     * @param handlers  downstream operation → what applies it; a handler that throws is logged and its frame still
     *                  counts as applied, since applying it again would fail again
     * @param heartbeat the node's report; its argument is true for a connection's first heartbeat, which lists
     *                  every worker
     */
    public GmLink(LcConfig config, LcTimings timings, LcDatabase db, Outbox outbox,
                  Map<String, Consumer<Frame>> handlers, Function<Boolean, NodeReport> heartbeat) {
        this.config = config;
        this.timings = timings;
        this.url = webSocketUrl(config.gmUrl());
        this.db = db;
        this.outbox = outbox;
        this.handlers = Map.copyOf(handlers);
        this.heartbeat = heartbeat;
        this.applied = db.meta(APPLIED).map(Long::parseLong).orElse(0L);
        outbox.onAppend(this::wake);
        linkThread = new Thread(this::runLink, "lc-link-" + config.node());
        dispatchThread = new Thread(this::runDispatch, "lc-dispatch-" + config.node());
        linkThread.setDaemon(true);
        dispatchThread.setDaemon(true);
    }

    /** {@code http://host:port} → {@code ws://host:port/ws}; a ws URL with a path is kept as it is. */
    public static URI webSocketUrl(URI gm) {
        String scheme = gm.getScheme() == null ? "" : gm.getScheme().toLowerCase(Locale.ROOT);
        String ws = switch (scheme) {
            case "http", "ws" -> "ws";
            case "https", "wss" -> "wss";
            default -> throw new LcException("GM URL \"" + gm + "\" must start with http:// or ws://;"
                    + " fix: pass e.g. --gm http://127.0.0.1:9000");
        };
        if (gm.getRawAuthority() == null) {
            throw new LcException("GM URL \"" + gm + "\" has no host; fix: pass e.g. --gm http://127.0.0.1:9000");
        }
        String path = gm.getRawPath() == null || gm.getRawPath().isEmpty() || gm.getRawPath().equals("/")
                ? "/ws" : gm.getRawPath();
        return URI.create(ws + "://" + gm.getRawAuthority() + path);
    }

    public void start() {
        dispatchThread.start();
        linkThread.start();
    }

    public URI url() {
        return url;
    }

    public boolean connected() {
        return current != null;
    }

    // ---- the link thread: connect, then write until the connection dies ----

    private void runLink() {
        Duration delay = timings.reconnectMin();
        while (!closed) {
            Connection c;
            try {
                c = connect();
            } catch (TokenRefused e) {
                problem(true, "token refused by the GM at " + url + " for node " + config.node()
                        + (config.token() == null ? " (this LC sent none)" : "") + "; check --token-file");
                delay = timings.reconnectMax();
                pause(delay);
                continue;
            } catch (InterruptedException e) {
                break;
            } catch (Exception e) {
                problem(false, "cannot reach the GM at " + url + ": " + describe(e) + "; retrying with backoff up to "
                        + timings.reconnectMax().toMillis() + " ms (workers keep running, reports wait in the outbox)");
                pause(delay);
                delay = min(delay.multipliedBy(2), timings.reconnectMax());
                continue;
            }
            lastProblem = null;
            delay = timings.reconnectMin();
            current = c;
            log.info("connected to the GM at {} as node {} ({} report(s) waiting in the outbox)", url, config.node(),
                    outbox.pending());
            String reason = serve(c);
            current = null;
            c.abort();
            if (!closed) {
                log.warn("lost the GM at {}: {}; reconnecting (workers keep running, reports wait in the outbox)",
                        url, reason);
                pause(delay);
            }
        }
    }

    private Connection connect() throws Exception {
        Connection c = new Connection();
        WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT)
                .header("Node-Name", config.node());
        if (config.token() != null) {
            b.header("Authorization", "Bearer " + config.token());
        }
        java.util.concurrent.CompletableFuture<WebSocket> pending = b.buildAsync(url, c);
        try {
            c.ws = pending.get(CONNECT_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
            return c;
        } catch (java.util.concurrent.TimeoutException | InterruptedException e) {
            pending.thenAccept(WebSocket::abort); // should it open after all, it must not linger
            throw e;
        } catch (ExecutionException e) {
            WebSocketHandshakeException h = cause(e, WebSocketHandshakeException.class);
            if (h != null && h.getResponse().statusCode() == 401) {
                throw new TokenRefused();
            }
            if (h != null) {
                throw new LcException("it answered HTTP " + h.getResponse().statusCode()
                        + " instead of a WebSocket upgrade; is this a Sedna4J GM?");
            }
            throw e;
        }
    }

    /** Writes heartbeats, outbox frames and acks until the connection dies or the link closes; returns why. */
    private String serve(Connection c) {
        long beatNanos = config.heartbeat().toNanos();
        long ackNanos = timings.ackDelay().toNanos();
        long silenceNanos = 3 * beatNanos + TimeUnit.SECONDS.toNanos(1);
        long lastSent = 0;
        long nextBeat = System.nanoTime();
        long lastAck = nextBeat - ackNanos;
        boolean first = true;
        try {
            while (!closed) {
                if (c.dead != null) {
                    return c.dead;
                }
                long now = System.nanoTime();
                if (now - nextBeat >= 0) {
                    if (now - c.lastHeard > silenceNanos) {
                        return "no answer for " + TimeUnit.NANOSECONDS.toMillis(now - c.lastHeard) + " ms";
                    }
                    // the first heartbeat lists every worker so that the GM rebuilds its view of this node
                    c.send(Frame.of(new Frame.Header("", "node", config.node(), Operation.HEARTBEAT),
                            heartbeat.apply(first)));
                    c.ws.sendPing(ByteBuffer.allocate(0)).get(SEND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    if (first && applied > 0) {
                        ackDue = true; // the GM may have lost our last ack with the previous connection
                    }
                    first = false;
                    nextBeat = now + beatNanos;
                }
                List<Frame> batch = outbox.after(lastSent, BATCH);
                for (Frame f : batch) {
                    c.send(f);
                    lastSent = f.seq();
                }
                now = System.nanoTime();
                if (ackDue && now - lastAck >= ackNanos) {
                    ackDue = false;
                    c.send(Frame.ack(applied));
                    lastAck = now;
                }
                if (batch.size() < BATCH) {
                    long wait = nextBeat - now;
                    if (ackDue) {
                        wait = Math.min(wait, lastAck + ackNanos - now);
                    }
                    await(wait);
                }
            }
            return "the LC is closing";
        } catch (InterruptedException e) {
            return "the LC is closing";
        } catch (Exception e) {
            return c.dead != null ? c.dead : "cannot send: " + describe(e);
        }
    }

    // ---- the dispatch thread: apply downstream frames once each, in order ----

    private void runDispatch() {
        while (!closed) {
            String text;
            try {
                text = inbound.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                receive(text);
            } catch (RuntimeException e) {
                log.error("cannot handle a frame from the GM at {}: {}", url, e.getMessage(), e);
            }
        }
    }

    private void receive(String text) {
        Frame f;
        try {
            f = Frame.fromJson(text);
        } catch (RuntimeException e) {
            log.warn("ignoring a message from the GM at {}: {} (message: {})", url, e.getMessage(), abbreviate(text));
            return;
        }
        if (f.ack() != null) {
            outbox.acknowledge(f.ack());
        }
        if (f.seq() == null) {
            return; // a bare acknowledgement
        }
        if (f.seq() <= applied) {
            log.debug("frame {} from the GM was applied before; acknowledging it again", f.seq());
        } else {
            apply(f);
            applied = f.seq();
            db.meta(APPLIED, f.seq());
        }
        ackDue = true;
        wake();
    }

    private void apply(Frame f) {
        Frame.Header h = f.header();
        String op = h == null ? null : h.operation();
        Consumer<Frame> handler = handlers.get(op);
        String what = h == null ? "(no header)" : op + " " + h.resourceKind() + " " + h.namespace() + "/"
                + h.resourceName();
        if (handler == null) {
            log.warn("ignoring frame {} from the GM: {}: unknown operation; this LC applies {}; fix: run the same"
                    + " Sedna4J version on the GM and this node", f.seq(), what, handlers.keySet());
            return;
        }
        try {
            handler.accept(f);
        } catch (RuntimeException e) {
            log.error("cannot apply frame {} from the GM ({}): {}", f.seq(), what, e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        closed = true;
        closing.countDown();
        wake();
        linkThread.interrupt();
        dispatchThread.interrupt();
        Connection c = current;
        if (c != null && c.ws != null) {
            try {
                c.ws.sendClose(WebSocket.NORMAL_CLOSURE, "LC stopping").get(1, TimeUnit.SECONDS);
            } catch (Exception e) {
                // closing anyway
            }
            c.abort();
        }
        join(linkThread);
        join(dispatchThread);
    }

    // ---- helpers ----

    private void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void await(long nanos) throws InterruptedException {
        synchronized (signal) {
            if (!woken && nanos > 0) {
                TimeUnit.NANOSECONDS.timedWait(signal, nanos);
            }
            woken = false;
        }
    }

    /** Waits before reconnecting; only closing cuts it short (new reports must not hammer an absent GM). */
    private void pause(Duration d) {
        try {
            closing.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Logs a connection problem once per change of problem; repeats go to debug. */
    private void problem(boolean error, String message) {
        if (closed) {
            return;
        }
        if (message.equals(lastProblem)) {
            log.debug(message);
        } else if (error) {
            log.error(message);
        } else {
            log.warn(message);
        }
        lastProblem = message;
    }

    private static void join(Thread t) {
        if (t == Thread.currentThread()) {
            return;
        }
        try {
            t.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static <T extends Throwable> T cause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    /** A cause a person can act on; the JDK's connect failures come as chains of exceptions without messages. */
    static String describe(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.nio.channels.UnresolvedAddressException || c instanceof java.net.UnknownHostException) {
                return "unknown host";
            }
            if (c instanceof java.net.ConnectException) {
                return "connection refused (is the GM running and listening there?)";
            }
            if (c instanceof java.util.concurrent.TimeoutException || c instanceof java.net.http.HttpTimeoutException) {
                return "no answer in time";
            }
        }
        Throwable root = e;
        while ((root instanceof ExecutionException || root.getMessage() == null) && root.getCause() != null) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null ? root.getClass().getSimpleName() : m;
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }

    private static final class TokenRefused extends Exception {
        TokenRefused() {
            super("401", null, false, false);
        }
    }

    /** One WebSocket connection; the JDK calls its listener methods one at a time. */
    private final class Connection implements WebSocket.Listener {
        volatile WebSocket ws;
        volatile String dead;
        volatile long lastHeard = System.nanoTime();
        private final StringBuilder text = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            ws = webSocket;
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            lastHeard = System.nanoTime();
            text.append(data);
            if (last) {
                inbound.add(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            lastHeard = System.nanoTime();
            webSocket.request(1); // the JDK answers the ping with a pong itself
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            lastHeard = System.nanoTime();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            die("closed by the GM (" + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason) + ")");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            die(describe(error));
        }

        void send(Frame f) throws Exception {
            ws.sendText(Json.compact(f), true).get(SEND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }

        void die(String why) {
            if (dead == null) {
                dead = why;
            }
            wake();
        }

        void abort() {
            WebSocket w = ws;
            if (w != null) {
                w.abort();
            }
        }
    }
}
