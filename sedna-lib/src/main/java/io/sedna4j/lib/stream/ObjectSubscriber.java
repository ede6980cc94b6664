package io.sedna4j.lib.stream;

/**
 * Receives object messages and hands them to handlers, at least once and de-duplicated: a message redelivered after
 * a broker or network blip (same schema, camera, video and frame) reaches the handler once. Handlers run on one
 * thread per subscriber, in order per camera. Implementations: {@link KafkaObjectSubscriber},
 * {@link RestObjectSubscriber}; {@link Streams#subscriber} picks one from the environment.
 */
public interface ObjectSubscriber extends AutoCloseable {
    /** Starts delivering {@code topic}'s messages to {@code handler}; adds to earlier subscriptions. */
    void subscribe(String topic, ObjectHandler handler);

    Stats stats();

    /** Stops receiving; what was handled is committed, so a new subscriber of the same group goes on from there. */
    @Override
    void close();

    /**
     * Counts since the start: received, handled (handed to a handler), duplicates (dropped as redeliveries),
     * undecodable (not a valid message; logged and skipped), failed (the handler threw; logged, not retried).
     */
    record Stats(long received, long handled, long duplicates, long undecodable, long failed) {
    }
}
