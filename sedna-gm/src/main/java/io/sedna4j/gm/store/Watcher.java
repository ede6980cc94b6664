package io.sedna4j.gm.store;

import io.sedna4j.control.Subscription;
import io.sedna4j.control.store.WatchEvent;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscription of {@link io.sedna4j.control.store.ResourceStore#watch}: changes are queued as the store makes them
 * and handed to the listener in order on the watcher's own thread, so a slow listener never holds up writers.
 */
final class Watcher implements Consumer<Change>, Subscription {
    private static final Logger LOG = LoggerFactory.getLogger(Watcher.class);
    private static final Change STOP = new Change(WatchEvent.Type.DELETED, null, null, null, -1, null);

    private final BlockingQueue<Change> queue = new LinkedBlockingQueue<>();
    private final Consumer<WatchEvent> listener;
    private final Thread thread;
    private Runnable unregister = () -> { };

    Watcher(Consumer<WatchEvent> listener, String name) {
        this.listener = listener;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    void start(Runnable unregister) {
        this.unregister = unregister;
        thread.start();
    }

    @Override
    public void accept(Change change) {
        queue.add(change);
    }

    private void run() {
        try {
            while (true) {
                Change c = queue.take();
                if (c == STOP) {
                    return;
                }
                try {
                    listener.accept(c.toWatchEvent());
                } catch (RuntimeException e) {
                    LOG.warn("a store watcher failed on {} {} {}/{}: {}", c.type(), c.kind().kindName(), c.namespace(),
                            c.name(), e.toString(), e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        unregister.run();
        queue.add(STOP);
    }
}
