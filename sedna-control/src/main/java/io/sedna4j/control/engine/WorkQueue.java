package io.sedna4j.control.engine;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A queue of keys to reconcile, as Kubernetes' controllers use: a key is queued at most once however often it is
 * added; a key being processed is never handed out again until {@link #done}, and one added meanwhile is handed out
 * after that. Delayed adds ({@link #addAfter}) and per-key exponential backoff ({@link #backoff}, {@link #forget})
 * serve requeues and retries.
 */
final class WorkQueue {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition available = lock.newCondition();
    private final ArrayDeque<String> ready = new ArrayDeque<>();
    /** Keys that need a reconcile: in {@code ready}, or processing and to be requeued when done. */
    private final Set<String> dirty = new HashSet<>();
    private final Set<String> processing = new HashSet<>();
    /** When each key's earliest pending delayed add is due (System.nanoTime), so delays do not pile up. */
    private final Map<String, Long> delayed = new HashMap<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final ScheduledExecutorService timer;
    private boolean shutDown;

    WorkQueue(Duration minBackoff, Duration maxBackoff) {
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sedna-reconcile-timer");
            t.setDaemon(true);
            return t;
        });
    }

    void add(String key) {
        lock.lock();
        try {
            if (shutDown || !dirty.add(key)) {
                return;
            }
            if (!processing.contains(key)) {
                ready.addLast(key);
                available.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Adds {@code key} after {@code delay}, unless an add for it is already due sooner. */
    void addAfter(String key, Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            add(key);
            return;
        }
        long due = System.nanoTime() + delay.toNanos();
        lock.lock();
        try {
            Long pending = delayed.get(key);
            if (shutDown || pending != null && pending - due <= 0) {
                return;
            }
            delayed.put(key, due);
        } finally {
            lock.unlock();
        }
        try {
            timer.schedule(() -> fire(key, due), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // shut down meanwhile: nothing to do
        }
    }

    private void fire(String key, long due) {
        lock.lock();
        try {
            Long pending = delayed.get(key);
            if (pending == null || pending != due) {
                return; // superseded by a sooner add, which has run or will run
            }
            delayed.remove(key);
        } finally {
            lock.unlock();
        }
        add(key);
    }

    /** The next key to process, waiting for one; null once shut down. */
    String take() throws InterruptedException {
        lock.lock();
        try {
            while (ready.isEmpty() && !shutDown) {
                available.await();
            }
            if (shutDown) {
                return null;
            }
            String key = ready.removeFirst();
            dirty.remove(key);
            processing.add(key);
            return key;
        } finally {
            lock.unlock();
        }
    }

    /** Ends processing of {@code key}; if it was added meanwhile, it is queued again. */
    void done(String key) {
        lock.lock();
        try {
            processing.remove(key);
            if (dirty.contains(key) && !shutDown) {
                ready.addLast(key);
                available.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Counts a failure of {@code key} and returns how long to wait before retrying: min·2^(failures−1), capped. */
    Duration backoff(String key) {
        int n;
        lock.lock();
        try {
            n = failures.merge(key, 1, Integer::sum);
        } finally {
            lock.unlock();
        }
        Duration d = minBackoff.multipliedBy(1L << Math.min(n - 1, 30));
        return d.compareTo(maxBackoff) > 0 || d.isNegative() ? maxBackoff : d;
    }

    /** Consecutive failures of {@code key} so far. */
    int failures(String key) {
        lock.lock();
        try {
            return failures.getOrDefault(key, 0);
        } finally {
            lock.unlock();
        }
    }

    /** Resets the backoff of {@code key} after a success. */
    void forget(String key) {
        lock.lock();
        try {
            failures.remove(key);
        } finally {
            lock.unlock();
        }
    }

    /** Keys waiting to be processed now. */
    int depth() {
        lock.lock();
        try {
            return ready.size();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every {@link #take} with null and drops what is queued. */
    void shutdown() {
        lock.lock();
        try {
            shutDown = true;
            ready.clear();
            dirty.clear();
            delayed.clear();
            available.signalAll();
        } finally {
            lock.unlock();
        }
        timer.shutdownNow();
    }
}
