package io.sedna4j.gm.link;

import io.sedna4j.api.link.Frame;
import io.sedna4j.gm.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The GM's durable side of the link, per node: frames not yet acknowledged (written before they are sent), the
 * next sequence number, and the highest sequence number applied from the node. Pending counts are kept in memory
 * for metrics.
 */
final class Outbox {
    /** A stored frame and when it was stored, to time its acknowledgement. */
    record Pending(Frame frame, long storedAtMillis) {
    }

    private final Database db;
    private final Map<String, AtomicInteger> pendingCounts = new ConcurrentHashMap<>();
    private final Map<String, long[]> nodes = new HashMap<>(); // node → {next seq, applied}; guarded by this

    Outbox(Database db) {
        this.db = db;
        db.execute("""
                CREATE TABLE IF NOT EXISTS link_outbox (node TEXT NOT NULL, seq INTEGER NOT NULL, frame TEXT NOT NULL,
                  stored_at INTEGER NOT NULL, PRIMARY KEY (node, seq))""",
                """
                CREATE TABLE IF NOT EXISTS link_nodes (node TEXT PRIMARY KEY, next_seq INTEGER NOT NULL,
                  applied INTEGER NOT NULL)""");
        db.read(c -> {
            try (ResultSet r = c.createStatement().executeQuery("SELECT node, next_seq, applied FROM link_nodes")) {
                while (r.next()) {
                    nodes.put(r.getString(1), new long[] {r.getLong(2), r.getLong(3)});
                }
            }
            try (ResultSet r = c.createStatement().executeQuery(
                    "SELECT node, count(*) FROM link_outbox GROUP BY node")) {
                while (r.next()) {
                    pendingCounts.put(r.getString(1), new AtomicInteger(r.getInt(2)));
                }
            }
            return null;
        });
    }

    /** Numbers and stores a frame for {@code node}; returns it with its seq. */
    synchronized Pending append(String node, Frame frame) {
        long[] state = state(node);
        long seq = state[0];
        Frame numbered = new Frame(frame.header(), frame.content(), seq, null);
        long now = System.currentTimeMillis();
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO link_outbox VALUES (?, ?, ?, ?)")) {
                s.setString(1, node);
                s.setLong(2, seq);
                s.setString(3, numbered.toJson());
                s.setLong(4, now);
                s.executeUpdate();
            }
            save(c, node, seq + 1, state[1]);
            return null;
        });
        state[0] = seq + 1;
        pendingCounts.computeIfAbsent(node, n -> new AtomicInteger()).incrementAndGet();
        return new Pending(numbered, now);
    }

    /** Every unacknowledged frame of {@code node}, in order. */
    List<Pending> pending(String node) {
        return db.read(c -> {
            List<Pending> result = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT frame, stored_at FROM link_outbox WHERE node = ? ORDER BY seq")) {
                s.setString(1, node);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        result.add(new Pending(Frame.fromJson(r.getString(1)), r.getLong(2)));
                    }
                }
            }
            return result;
        });
    }

    /** Drops the frames up to {@code seq}; returns when each was stored, to measure delivery latency. */
    List<Long> acknowledge(String node, long seq) {
        AtomicInteger pending = pendingCounts.get(node);
        if (pending == null || pending.get() == 0) {
            return List.of(); // LCs put an ack on every frame; most acknowledge nothing new
        }
        List<Long> storedAt = db.transaction(c -> {
            List<Long> times = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT stored_at FROM link_outbox WHERE node = ? AND seq <= ?")) {
                s.setString(1, node);
                s.setLong(2, seq);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        times.add(r.getLong(1));
                    }
                }
            }
            if (!times.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM link_outbox WHERE node = ? AND seq <= ?")) {
                    s.setString(1, node);
                    s.setLong(2, seq);
                    s.executeUpdate();
                }
            }
            return times;
        });
        if (!storedAt.isEmpty()) {
            pendingCounts.computeIfAbsent(node, n -> new AtomicInteger()).addAndGet(-storedAt.size());
        }
        return storedAt;
    }

    synchronized long applied(String node) {
        long[] state = nodes.get(node);
        return state == null ? 0 : state[1];
    }

    /** Records that frames up to {@code seq} from {@code node} are applied. */
    synchronized void setApplied(String node, long seq) {
        long[] state = state(node);
        db.transaction(c -> {
            save(c, node, state[0], seq);
            return null;
        });
        state[1] = seq;
    }

    Map<String, AtomicInteger> pendingCounts() {
        return pendingCounts;
    }

    /**
     * A node first seen starts at currentTimeMillis × 1000, so that an LC that applied frames from an earlier GM
     * database never takes new frames for old ones (docs/protocol.md).
     */
    private long[] state(String node) {
        return nodes.computeIfAbsent(node, n -> new long[] {System.currentTimeMillis() * 1000, 0});
    }

    private static void save(java.sql.Connection c, String node, long next, long applied) throws java.sql.SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO link_nodes VALUES (?, ?, ?)")) {
            s.setString(1, node);
            s.setLong(2, next);
            s.setLong(3, applied);
            s.executeUpdate();
        }
    }
}
