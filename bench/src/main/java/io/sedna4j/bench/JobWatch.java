package io.sedna4j.bench;

import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.control.Subscription;
import io.sedna4j.control.store.ResourceStore;
import io.sedna4j.control.store.WatchEvent;
import io.sedna4j.gm.store.SqliteResourceStore;

/**
 * Watches one job's writes in the GM's store: how often its status was written (each write is a reconcile that
 * changed it) and when its phase first read Running, without polling. It uses the store's synchronous watch, which
 * hands over the stored JSON without binding it, so the GM pays a string search per write of that kind.
 */
final class JobWatch implements AutoCloseable {
    private final Kind kind;
    private final String namespace;
    private final String name;
    private final Subscription subscription;
    private long writes;
    private long runningAt;

    private JobWatch(ResourceStore store, Kind kind, String namespace, String name) {
        this.kind = kind;
        this.namespace = namespace;
        this.name = name;
        if (!(store instanceof SqliteResourceStore sqlite)) {
            throw new IllegalStateException("the GM's store is a " + store.getClass().getName()
                    + ", not the SQLite store this harness watches");
        }
        this.subscription = sqlite.watch(kind, namespace, String.valueOf(sqlite.resourceVersion()), c -> true, c -> {
            if (c.name().equals(name) && c.type() == WatchEvent.Type.MODIFIED) {
                changed(c.json());
            }
        });
    }

    static JobWatch of(ResourceStore store, Kind kind, String namespace, String name) {
        return new JobWatch(store, kind, namespace, name);
    }

    private synchronized void changed(String json) {
        writes++;
        if (runningAt == 0 && "Running".equals(phase(json))) {
            runningAt = System.nanoTime();
        }
    }

    /** The status phase: the last "phase" field of the object (JobStatus writes it last). */
    static String phase(String json) {
        int at = json.lastIndexOf("\"phase\":\"");
        if (at < 0) {
            return null;
        }
        int from = at + "\"phase\":\"".length();
        int to = json.indexOf('"', from);
        return to < 0 ? null : json.substring(from, to);
    }

    /** Status writes (MODIFIED events) of the job so far. */
    synchronized long writes() {
        return writes;
    }

    /** When the job first read Running (System.nanoTime), or 0. */
    synchronized long runningAt() {
        return runningAt;
    }

    @Override
    public void close() {
        subscription.close();
    }
}
