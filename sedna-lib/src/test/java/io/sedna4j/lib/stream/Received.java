package io.sedna4j.lib.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** A handler that records what the application was handed, for assertions. */
final class Received implements ObjectHandler {
    private final List<ObjectMessage> messages = new ArrayList<>();

    @Override
    public synchronized void handle(String topic, ObjectMessage message) {
        messages.add(message);
        notifyAll();
    }

    synchronized int count() {
        return messages.size();
    }

    /** Waits until at least {@code n} messages arrived; returns the count. */
    synchronized int await(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (messages.size() < n && System.nanoTime() < deadline) {
            wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        return messages.size();
    }

    /** Frame numbers per camera, in the order they were handled. */
    synchronized Map<String, List<Long>> framesByCamera() {
        Map<String, List<Long>> frames = new TreeMap<>();
        for (ObjectMessage m : messages) {
            frames.computeIfAbsent(m.camera(), c -> new ArrayList<>()).add(m.frame().number());
        }
        return frames;
    }

    synchronized List<ObjectMessage> messages() {
        return List.copyOf(messages);
    }

    /** The subscriber's counts once {@code until} holds (or the timeout passed). */
    static ObjectSubscriber.Stats stats(ObjectSubscriber subscriber, Predicate<ObjectSubscriber.Stats> until,
            Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!until.test(subscriber.stats()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return subscriber.stats();
    }

    static List<Long> range(long from, long to) {
        List<Long> list = new ArrayList<>();
        for (long i = from; i < to; i++) {
            list.add(i);
        }
        return list;
    }
}
