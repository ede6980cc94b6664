package io.sedna4j.lib.stream;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers the last messages handed to the application, so that a redelivery (at-least-once: a commit lost in a
 * broker blip, a POST retried after a timeout) is dropped. The memory is bounded; redeliveries come soon after the
 * original, well within it.
 */
final class Deduplicator {
    static final int DEFAULT_CAPACITY = 65_536;

    /** What identifies a message: one schema, one camera, one video, one frame. */
    private record Key(String schema, String camera, String videoId, long frame) {
    }

    private final Map<Key, Boolean> seen;

    Deduplicator(int capacity) {
        this.seen = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True the first time this message is seen, false for a redelivery. */
    synchronized boolean firstTime(ObjectMessage m) {
        Frame f = m.frame();
        return seen.put(new Key(m.schema(), f.camera(), Objects.toString(f.videoId(), ""), f.number()), true) == null;
    }
}
