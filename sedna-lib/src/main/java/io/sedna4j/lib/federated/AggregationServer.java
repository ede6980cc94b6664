package io.sedna4j.lib.federated;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.websocket.WsContext;
import io.sedna4j.lib.LibException;
import io.sedna4j.lib.estimator.NamedTensors;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregation worker's WebSocket server, Sedna's {@code AggregationServer}: {@code ws://host:port/{aggregation}}
 * (e.g. {@code /FedAvg}; any name is accepted, the server's algorithm decides). The I/O adapter of
 * {@link Aggregator}: it authenticates clients with the job's token before the upgrade, maps connections to client
 * ids, passes messages on and lets deadlines pass. It is done when the last round closed and every client left (or
 * a grace period later, for clients that never close).
 */
public final class AggregationServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AggregationServer.class);
    private static final long MAX_MESSAGE_BYTES = 512L << 20;
    private static final Duration IDLE = Duration.ofHours(2);
    private static final Duration GRACE = Duration.ofSeconds(60);

    private final Aggregator aggregator;
    private final String token;
    private final Javalin app;
    private final Map<String, WsContext> byClient = new ConcurrentHashMap<>();
    private final Map<String, String> bySession = new ConcurrentHashMap<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "aggregation-deadlines");
        t.setDaemon(true);
        return t;
    });
    private volatile long finishedAt = -1;

    private AggregationServer(Aggregation algorithm, Aggregator.Settings settings, NamedTensors initial,
                              String token) {
        this.token = token == null || token.isBlank() ? null : token;
        this.aggregator = new Aggregator(algorithm, settings, initial, new Outbox());
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.routes.wsBeforeUpgrade("/{aggregation}", this::authenticate);
            cfg.routes.ws("/{aggregation}", ws -> {
                ws.onConnect(ctx -> {
                    ctx.session.setMaxBinaryMessageSize(MAX_MESSAGE_BYTES);
                    ctx.session.setMaxTextMessageSize(16L << 20);
                    ctx.session.setIdleTimeout(IDLE);
                });
                ws.onMessage(ctx -> text(ctx, ctx.message()));
                ws.onBinaryMessage(ctx -> binary(ctx, ctx.data()));
                ws.onClose(ctx -> closed(ctx.sessionId()));
                ws.onError(ctx -> LOG.debug("connection error: {}", String.valueOf(ctx.error())));
            });
        });
    }

    /**
     * Starts listening; {@code port} 0 picks a free port.
     *
     * @param token the job's token clients must present as {@code Authorization: Bearer <token>}; null accepts any
     *              (only sensible on loopback)
     */
    public static AggregationServer start(Aggregation algorithm, Aggregator.Settings settings, NamedTensors initial,
                                          String token, String host, int port) {
        AggregationServer server = new AggregationServer(algorithm, settings, initial, token);
        try {
            server.app.start(host, port);
        } catch (RuntimeException e) {
            throw new LibException("the aggregation server cannot listen on " + host + ":" + port + " ("
                    + e.getMessage() + "); fix: free the port or set AGG_BIND_PORT to another", e);
        }
        server.timer.scheduleAtFixedRate(server::tick, 200, 200, TimeUnit.MILLISECONDS);
        LOG.info("aggregation server ({}, {}) listening on {}:{}", algorithm, settings, host, server.port());
        return server;
    }

    public int port() {
        return app.port();
    }

    public Aggregator aggregator() {
        return aggregator;
    }

    /** Waits until the last round closed and the clients left (or the grace period passed); whether it did. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void authenticate(Context ctx) {
        if (token == null) {
            return;
        }
        String given = ctx.header(Protocol.AUTHORIZATION);
        boolean ok = given != null && given.startsWith("Bearer ") && MessageDigest.isEqual(
                given.substring(7).trim().getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
        if (!ok) {
            LOG.warn("refused a client from {}: {} token", ctx.req().getRemoteAddr(), given == null ? "no" : "wrong");
            throw new UnauthorizedResponse((given == null ? "no" : "wrong") + " token for this federated learning"
                    + " job; fix: give the client the job's token in AGG_TOKEN (the controller sets it for the job's"
                    + " workers)");
        }
    }

    private void text(WsContext ctx, String message) {
        String client = bySession.get(ctx.sessionId());
        JsonNode m;
        try {
            m = Protocol.parse(message, client == null ? "a client" : "client " + client);
        } catch (LibException e) {
            LOG.warn("{}; ignored", e.getMessage());
            return;
        }
        if (Protocol.SUBSCRIBE.equals(m.path("type").asText())) {
            String id = m.path("client_id").asText("");
            if (id.isBlank()) {
                ctx.closeSession(4400, "subscribe needs a client_id (the worker name)");
                return;
            }
            WsContext old = byClient.put(id, ctx);
            bySession.put(ctx.sessionId(), id);
            if (old != null && !old.sessionId().equals(ctx.sessionId())) {
                bySession.remove(old.sessionId());
                old.closeSession(4409, "client " + id + " connected again");
            }
            aggregator.subscribe(id, m.path("public_key").asText(""), System.nanoTime());
        } else if (client == null) {
            ctx.closeSession(4400, "send subscribe first");
        } else {
            aggregator.text(client, m, System.nanoTime());
        }
    }

    private void binary(WsContext ctx, ByteBuffer data) {
        String client = bySession.get(ctx.sessionId());
        if (client == null) {
            ctx.closeSession(4400, "send subscribe first");
            return;
        }
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        aggregator.binary(client, bytes, System.nanoTime());
    }

    private void closed(String session) {
        String client = bySession.remove(session);
        if (client != null && byClient.get(client) != null && byClient.get(client).sessionId().equals(session)) {
            byClient.remove(client);
            aggregator.disconnected(client, System.nanoTime());
        }
    }

    private void tick() {
        try {
            aggregator.tick(System.nanoTime());
            if (aggregator.finished()) {
                if (finishedAt < 0) {
                    finishedAt = System.nanoTime();
                }
                if (byClient.isEmpty() || System.nanoTime() - finishedAt > GRACE.toNanos()) {
                    done.countDown();
                }
            }
        } catch (RuntimeException e) {
            LOG.error("aggregation deadline check failed", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        app.stop();
    }

    /** Sends on the connection of a client; one send at a time per connection. */
    private final class Outbox implements Aggregator.Outbox {
        @Override
        public void text(String client, String json) {
            WsContext ctx = byClient.get(client);
            if (ctx != null) {
                synchronized (ctx) {
                    ctx.send(json);
                }
            }
        }

        @Override
        public void binary(String client, byte[] message) {
            WsContext ctx = byClient.get(client);
            if (ctx != null) {
                synchronized (ctx) {
                    ctx.send(ByteBuffer.wrap(message));
                }
            }
        }
    }
}
