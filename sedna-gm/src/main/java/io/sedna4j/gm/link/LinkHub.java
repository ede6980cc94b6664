package io.sedna4j.gm.link;

import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.websocket.WsCloseContext;
import io.javalin.websocket.WsConnectContext;
import io.javalin.websocket.WsMessageContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sedna4j.api.ApiException;
import io.sedna4j.api.link.Frame;
import io.sedna4j.control.ControlException;
import io.sedna4j.control.Subscription;
import io.sedna4j.control.edge.EdgeChannel;
import io.sedna4j.gm.store.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GM's end of the GM ⇄ LC link (docs/protocol.md) and its {@link EdgeChannel}: the {@code /ws} endpoint,
 * authenticated before the upgrade; a durable outbox per node, resent in order on every connection; cumulative
 * acknowledgements both ways; and upstream frames handed to subscribers once and in order per node, even across
 * reconnections and GM restarts.
 */
public final class LinkHub implements EdgeChannel, AutoCloseable {
    public static final String PATH = "/ws";
    public static final String NODE_HEADER = "Node-Name";
    private static final Logger LOG = LoggerFactory.getLogger(LinkHub.class);
    private static final Pattern NODE_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);
    private static final long MAX_MESSAGE_BYTES = 16L * 1024 * 1024;

    private final Outbox outbox;
    private final String token;
    private final MeterRegistry registry;
    private final Timer latency;
    private final Counter duplicates;
    private final Map<String, NodeLink> links = new ConcurrentHashMap<>();
    private final Map<String, NodeLink> bySession = new ConcurrentHashMap<>();
    private final Map<String, Object> sendLocks = new ConcurrentHashMap<>();
    private final Map<String, Object> receiveLocks = new ConcurrentHashMap<>();
    private final Set<String> gauged = ConcurrentHashMap.newKeySet();
    private final List<BiConsumer<String, Frame>> subscribers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "link-acks");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param token the token LCs must present, or null to accept any (only when the GM listens on loopback)
     */
    public LinkHub(Database db, String token, MeterRegistry registry) {
        this.outbox = new Outbox(db);
        this.token = token;
        this.registry = registry;
        this.latency = Timer.builder("sedna_link_message_latency").description(
                "time from a frame's write to the outbox to its acknowledgement by the node")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.duplicates = Counter.builder("sedna_link_duplicate_frames")
                .description("frames received again after they were applied, and ignored").register(registry);
        Gauge.builder("sedna_link_connected_nodes", links, Map::size)
                .description("nodes whose Local Controller is connected").register(registry);
        Gauge.builder("sedna_link_pending_frames_all", outbox.pendingCounts(),
                m -> m.values().stream().mapToInt(AtomicInteger::get).sum())
                .description("frames waiting for an acknowledgement, all nodes").register(registry);
        outbox.pendingCounts().keySet().forEach(this::gauge);
    }

    /** Registers the {@code /ws} endpoint. */
    public void install(RoutesConfig routes) {
        routes.wsBeforeUpgrade(PATH, this::authenticate);
        routes.ws(PATH, ws -> {
            ws.onConnect(this::connected);
            ws.onMessage(this::received);
            ws.onClose(this::closed);
            ws.onError(ctx -> LOG.debug("link error: {}", String.valueOf(ctx.error())));
        });
    }

    @Override
    public void send(String node, Frame frame) {
        if (node == null || node.isEmpty()) {
            throw new ControlException(ControlException.Reason.INVALID, "a frame (" + describe(frame)
                    + ") was sent to no node; fix: the controller must resolve the node (spec.nodeName) first");
        }
        synchronized (lock(sendLocks, node)) {
            Outbox.Pending stored = outbox.append(node, frame);
            gauge(node);
            NodeLink link = links.get(node);
            if (link != null) {
                link.send(stored.frame().withAck(outbox.applied(node)));
            }
        }
    }

    @Override
    public Subscription onUpstream(BiConsumer<String, Frame> handler) {
        subscribers.add(handler);
        return () -> subscribers.remove(handler);
    }

    /** The nodes connected now. */
    public Set<String> connectedNodes() {
        return Set.copyOf(links.keySet());
    }

    /** Frames waiting for the node's acknowledgement. */
    public int pending(String node) {
        AtomicInteger count = outbox.pendingCounts().get(node);
        return count == null ? 0 : count.get();
    }

    private void authenticate(Context ctx) {
        String node = ctx.header(NODE_HEADER);
        String remote = ctx.req().getRemoteAddr();
        if (node == null || node.isBlank()) {
            LOG.warn("refused a link from {}: no {} header", remote, NODE_HEADER);
            throw new BadRequestResponse("the link request has no " + NODE_HEADER + " header; fix: the Local "
                    + "Controller names its node with '" + NODE_HEADER + ": <node>' (sedna lc --node NAME)");
        }
        if (!NODE_NAME.matcher(node).matches()) {
            LOG.warn("refused a link from {}: invalid node name \"{}\"", remote, node);
            throw new BadRequestResponse("node name \"" + node + "\" is not valid; fix: use lower-case letters, "
                    + "digits, '-' and '.', starting and ending with a letter or digit");
        }
        if (token != null && !tokenMatches(ctx.header("Authorization"))) {
            boolean missing = ctx.header("Authorization") == null;
            LOG.warn("refused the link of node {} from {}: {} token", node, remote, missing ? "no" : "wrong");
            throw new UnauthorizedResponse((missing ? "no token" : "wrong token") + " for node " + node
                    + "; fix: give the Local Controller the GM's token (sedna lc --token-file <data-dir>/token)");
        }
    }

    private boolean tokenMatches(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        byte[] given = authorization.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token.getBytes(StandardCharsets.UTF_8)); // constant time
    }

    private void connected(WsConnectContext ctx) {
        String node = ctx.header(NODE_HEADER);
        String remote = String.valueOf(ctx.session.getRemoteSocketAddress());
        NodeLink link = new NodeLink(node, remote, ctx, timer);
        link.configure(IDLE_TIMEOUT, MAX_MESSAGE_BYTES);
        bySession.put(ctx.sessionId(), link);
        int resent;
        synchronized (lock(sendLocks, node)) {
            NodeLink old = links.put(node, link);
            if (old != null) {
                LOG.info("node {} connected again from {}; closing its previous link from {}", node, remote, old.remote);
                old.close(1000, "replaced by a newer connection of node " + node);
            }
            long applied = outbox.applied(node);
            List<Outbox.Pending> pending = outbox.pending(node);
            for (Outbox.Pending p : pending) {
                link.send(p.frame().withAck(applied));
            }
            resent = pending.size();
        }
        LOG.info("node {} connected from {}; {} queued frame(s) sent", node, remote, resent);
    }

    private void received(WsMessageContext ctx) {
        NodeLink link = bySession.get(ctx.sessionId());
        if (link == null || link.isClosed()) {
            return; // a replaced connection: its frames come again on the new one
        }
        Frame frame;
        try {
            frame = Frame.fromJson(ctx.message());
        } catch (ApiException e) {
            LOG.warn("node {} sent something that is not a link frame, ignored: {}", link.node, e.getMessage());
            return;
        }
        if (frame.ack() != null) {
            for (long storedAt : outbox.acknowledge(link.node, frame.ack())) {
                latency.record(Math.max(0, System.currentTimeMillis() - storedAt), TimeUnit.MILLISECONDS);
            }
        }
        if (frame.isBareAck() || frame.header() == null) {
            return;
        }
        synchronized (lock(receiveLocks, link.node)) {
            if (frame.seq() == null) {
                deliver(link.node, frame); // heartbeats are not numbered: they are never resent
                return;
            }
            long applied = outbox.applied(link.node);
            if (frame.seq() <= applied) {
                duplicates.increment();
                link.acknowledge(applied); // a resend of what was applied: ack again so the node can drop it
                return;
            }
            deliver(link.node, frame);
            registry.counter("sedna_link_applied_frames", "node", link.node, "operation", frame.header().operation())
                    .increment();
            outbox.setApplied(link.node, frame.seq());
            link.acknowledge(frame.seq());
        }
    }

    private void deliver(String node, Frame frame) {
        for (BiConsumer<String, Frame> subscriber : subscribers) {
            try {
                subscriber.accept(node, frame);
            } catch (RuntimeException e) {
                LOG.warn("handling frame {} ({}) from node {} failed: {}", frame.seq(), describe(frame), node,
                        e.getMessage(), e);
            }
        }
    }

    private void closed(WsCloseContext ctx) {
        NodeLink link = bySession.remove(ctx.sessionId());
        if (link != null && links.remove(link.node, link)) {
            LOG.info("node {} at {} disconnected ({} {}); {} frame(s) wait for it", link.node, link.remote,
                    ctx.status(), ctx.reason(), pending(link.node));
        }
    }

    private void gauge(String node) {
        if (gauged.add(node)) {
            Gauge.builder("sedna_link_pending_frames", () -> pending(node)).tag("node", node)
                    .description("frames waiting for the node's acknowledgement").register(registry);
        }
    }

    private static Object lock(Map<String, Object> locks, String node) {
        return locks.computeIfAbsent(node, n -> new Object());
    }

    private static String describe(Frame frame) {
        Frame.Header h = frame.header();
        return h == null ? "no header" : h.operation() + " " + h.resourceKind() + " " + h.namespace() + "/"
                + h.resourceName();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        for (NodeLink link : links.values()) {
            link.close(1001, "the Global Manager is stopping");
        }
        links.clear();
    }
}
