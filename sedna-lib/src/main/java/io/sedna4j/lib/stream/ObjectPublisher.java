package io.sedna4j.lib.stream;

import java.time.Duration;

/**
 * Sends object messages to a topic, keyed by camera. {@link #publish} returns at once: delivery happens in the
 * background, retried while the broker or receiver is away (messages wait in memory meanwhile). Implementations:
 * {@link KafkaObjectPublisher}, {@link RestObjectPublisher}; {@link Streams#publisher} picks one from the environment.
 */
public interface ObjectPublisher extends AutoCloseable {
    /**
     * Queues {@code message} for {@code topic}. Safe to call from several threads. Returns at once, unless the
     * in-memory buffer is full: then Kafka blocks up to 5 s before dropping the message; REST drops the oldest.
     */
    void publish(String topic, ObjectMessage message);

    /** Waits until every message published so far is delivered or given up; true when none is left pending. */
    boolean flush(Duration timeout);

    Stats stats();

    /** Delivers what is pending (waiting up to a few seconds), then releases connections and threads. */
    @Override
    void close();

    /**
     * Counts since the start: published, delivered (acknowledged by the broker or receiver), dropped (given up:
     * buffer full, rejected or timed out; each logged), pending (still to deliver).
     */
    record Stats(long published, long delivered, long dropped, long pending) {
    }
}
