package io.sedna4j.gm.node;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedna4j.api.link.Frame;
import io.sedna4j.api.link.NodeReport;
import io.sedna4j.api.link.Operation;
import io.sedna4j.control.Subscription;
import io.sedna4j.control.edge.EdgeChannel;
import io.sedna4j.control.node.Node;
import io.sedna4j.control.node.NodeRegistry;
import io.sedna4j.gm.Json;
import io.sedna4j.gm.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nodes, from their Local Controllers' heartbeats: labels, address, capacity and load; Ready while heartbeats
 * come, NotReady after {@code timeout} of silence, Ready again on the next. Nodes are persisted (not their load), so
 * after a GM restart every known node is listed, NotReady until its LC reconnects.
 */
public final class Nodes implements NodeRegistry, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Nodes.class);

    /** A node and when the GM first heard of it. */
    public record Known(Node node, Instant firstSeen, String version) {
    }

    private final Database db;
    private final Duration timeout;
    private final Clock clock;
    private final Map<String, Known> nodes = new TreeMap<>(); // guarded by this
    private final List<Consumer<Node>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "node-timeout");
        t.setDaemon(true);
        return t;
    });
    private final Subscription upstream;

    public Nodes(Database db, EdgeChannel edge, Duration timeout, MeterRegistry registry) {
        this(db, edge, timeout, registry, Clock.systemUTC());
    }

    Nodes(Database db, EdgeChannel edge, Duration timeout, MeterRegistry registry, Clock clock) {
        this.db = db;
        this.timeout = timeout;
        this.clock = clock;
        db.execute("CREATE TABLE IF NOT EXISTS nodes (name TEXT PRIMARY KEY, json TEXT NOT NULL)");
        db.read(c -> {
            try (ResultSet r = c.createStatement().executeQuery("SELECT json FROM nodes")) {
                while (r.next()) {
                    Known k = fromJson(Json.parse(r.getString(1)));
                    nodes.put(k.node().name(), k);
                }
            }
            return null;
        });
        Gauge.builder("sedna_nodes_ready", this, n -> n.nodes().stream().filter(Node::ready).count())
                .description("nodes whose Local Controller sent a heartbeat recently").register(registry);
        Gauge.builder("sedna_nodes_known", this, n -> n.nodes().size()).description("nodes known").register(registry);
        long period = Math.max(50, Math.min(1000, timeout.toMillis() / 5));
        checker.scheduleWithFixedDelay(this::expire, period, period, TimeUnit.MILLISECONDS);
        upstream = edge.onUpstream(this::onFrame);
    }

    @Override
    public synchronized List<Node> nodes() {
        return nodes.values().stream().map(Known::node).toList();
    }

    @Override
    public synchronized Optional<Node> node(String name) {
        return Optional.ofNullable(nodes.get(name)).map(Known::node);
    }

    /** Nodes with when they were first seen and their LC's version, for the REST view. */
    public synchronized List<Known> known() {
        return List.copyOf(nodes.values());
    }

    @Override
    public Subscription onChange(Consumer<Node> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void onFrame(String name, Frame frame) {
        if (frame.header() != null && Operation.HEARTBEAT.equals(frame.header().operation())) {
            heartbeat(name, frame.content(NodeReport.class));
        }
    }

    /** Folds a heartbeat of node {@code name} (named by its connection, not by the report) into the registry. */
    public void heartbeat(String name, NodeReport report) {
        Node changed;
        synchronized (this) {
            Instant now = clock.instant();
            Known before = nodes.get(name);
            Node node = new Node(name, report.labels() == null ? Map.of() : Map.copyOf(report.labels()),
                    report.address(), true, report.cpuCores(), report.memoryBytes(), report.cpuLoad(),
                    report.memoryUsed(), now);
            Known after = new Known(node, before == null ? now : before.firstSeen(), report.version());
            nodes.put(name, after);
            boolean registered = before == null || !before.node().labels().equals(node.labels())
                    || !Objects.equals(before.node().address(), node.address())
                    || before.node().cpuCores() != node.cpuCores() || before.node().memoryBytes() != node.memoryBytes()
                    || !Objects.equals(before.version(), after.version());
            if (registered) {
                persist(after);
            }
            if (before == null) {
                LOG.info("node {} registered ({} cores, labels {})", name, node.cpuCores(), node.labels());
            } else if (!before.node().ready()) {
                LOG.info("node {} is Ready again", name);
            }
            changed = registered || before == null || !before.node().ready() ? node : null;
        }
        notifyListeners(changed);
    }

    /** Marks NotReady every node silent for longer than the timeout. */
    void expire() {
        List<Node> expired = new ArrayList<>();
        synchronized (this) {
            Instant limit = clock.instant().minus(timeout);
            for (Map.Entry<String, Known> e : nodes.entrySet()) {
                Node n = e.getValue().node();
                if (n.ready() && n.lastHeartbeat() != null && n.lastHeartbeat().isBefore(limit)) {
                    Node notReady = new Node(n.name(), n.labels(), n.address(), false, n.cpuCores(), n.memoryBytes(),
                            n.cpuLoad(), n.memoryUsed(), n.lastHeartbeat());
                    e.setValue(new Known(notReady, e.getValue().firstSeen(), e.getValue().version()));
                    expired.add(notReady);
                    LOG.warn("node {} is NotReady: no heartbeat for {}", n.name(), timeout.toMillis() % 1000 == 0
                            ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms");
                }
            }
            expired.forEach(n -> persist(nodes.get(n.name())));
        }
        expired.forEach(this::notifyListeners);
    }

    private void notifyListeners(Node node) {
        if (node == null) {
            return;
        }
        for (Consumer<Node> l : listeners) {
            try {
                l.accept(node);
            } catch (RuntimeException e) {
                LOG.warn("a node listener failed on node {}: {}", node.name(), e.toString(), e);
            }
        }
    }

    private static String toJson(Known k) {
        ObjectNode o = Json.object();
        Node n = k.node();
        o.put("name", n.name());
        o.putPOJO("labels", n.labels());
        o.put("address", n.address());
        o.put("cpuCores", n.cpuCores());
        o.put("memoryBytes", n.memoryBytes());
        o.put("lastHeartbeat", n.lastHeartbeat() == null ? null : n.lastHeartbeat().toString());
        o.put("firstSeen", k.firstSeen().toString());
        o.put("version", k.version());
        return Json.write(o);
    }

    /** A stored node, NotReady: it has not been heard from since the GM started. */
    private static Known fromJson(JsonNode o) {
        Map<String, String> labels = new TreeMap<>();
        o.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        String last = o.path("lastHeartbeat").asText(null);
        Node n = new Node(o.path("name").asText(), Map.copyOf(labels), o.path("address").asText(null), false,
                o.path("cpuCores").asInt(), o.path("memoryBytes").asLong(), 0, 0, last == null ? null : Instant.parse(last));
        return new Known(n, Instant.parse(o.path("firstSeen").asText()), o.path("version").asText(null));
    }

    private void persist(Known known) {
        String json = toJson(known);
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO nodes VALUES (?, ?)")) {
                s.setString(1, known.node().name());
                s.setString(2, json);
                s.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void close() {
        upstream.close();
        checker.shutdownNow();
    }
}
