package io.sedna4j.gm.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The last changes of the store, so that a REST watch can resume from a resourceVersion it saw, as Kubernetes'
 * watch cache does. Not thread-safe: the store calls it under its lock.
 */
final class EventHistory {
    private final int capacity;
    private final ArrayDeque<Change> changes;
    /** Every change after this version is in the history (at start, the version the store was opened at). */
    private long floor;

    EventHistory(int capacity, long floor) {
        this.capacity = capacity;
        this.changes = new ArrayDeque<>(Math.min(capacity, 1024));
        this.floor = floor;
    }

    void add(Change change) {
        if (changes.size() == capacity) {
            floor = changes.removeFirst().resourceVersion();
        }
        changes.addLast(change);
    }

    /** The oldest version a watch can resume from. */
    long floor() {
        return floor;
    }

    /** Changes after {@code version} that {@code filter} accepts, oldest first; null if some are gone. */
    List<Change> since(long version, Predicate<Change> filter) {
        if (version < floor) {
            return null;
        }
        List<Change> result = new ArrayList<>();
        for (Change c : changes) {
            if (c.resourceVersion() > version && filter.test(c)) {
                result.add(c);
            }
        }
        return result;
    }
}
