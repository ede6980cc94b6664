package io.sedna4j.lc.link;

import io.sedna4j.api.link.Frame;
import io.sedna4j.lc.Json;
import io.sedna4j.lc.store.LcDatabase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Frames for the GM, written to SQLite before they are sent and deleted once the GM acknowledges them, so that
 * reports survive a GM outage and an LC restart. Sequence numbers only grow; a fresh database starts at
 * {@code currentTimeMillis × 1000}, so a GM never mistakes a new outbox's frames for ones it already applied.
 */
public final class Outbox {
    private static final String LAST_SEQ = "outbox.lastSeq";

    private final LcDatabase db;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private long lastSeq;

    public Outbox(LcDatabase db) {
        this.db = db;
        this.lastSeq = db.inTransaction(() -> db.meta(LAST_SEQ).map(Long::parseLong).orElseGet(() -> {
            long start = System.currentTimeMillis() * 1000 - 1; // the first frame gets exactly millis × 1000
            db.meta(LAST_SEQ, start);
            return start;
        }));
    }

    /** Stores {@code payload} under {@code header} with the next sequence number; the link sends it when it can. */
    public long append(Frame.Header header, Object payload) {
        long seq;
        synchronized (this) {
            seq = lastSeq + 1;
            Frame frame = Frame.of(header, payload).withSeq(seq);
            db.inTransaction(() -> {
                db.update("INSERT INTO outbox(seq, frame) VALUES(?, ?)", seq, Json.compact(frame));
                db.meta(LAST_SEQ, seq);
                return null;
            });
            lastSeq = seq;
        }
        listeners.forEach(Runnable::run);
        return seq;
    }

    /** Up to {@code limit} unacknowledged frames after {@code seq}, in order. */
    public List<Frame> after(long seq, int limit) {
        return db.query("SELECT frame FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?",
                rs -> Frame.fromJson(rs.getString(1)), seq, limit);
    }

    /** The GM applied everything up to {@code seq}: forget those frames. */
    public int acknowledge(long seq) {
        return db.update("DELETE FROM outbox WHERE seq <= ?", seq);
    }

    /** Frames not yet acknowledged by the GM. */
    public long pending() {
        return db.query("SELECT COUNT(*) FROM outbox", rs -> rs.getLong(1)).get(0);
    }

    /** Called after every append, on the appending thread. */
    public void onAppend(Runnable listener) {
        listeners.add(listener);
    }
}
