package io.sedna4j.lib.stream;

import io.sedna4j.lib.LibException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What both subscribers do with the bytes they receive: decode, drop redeliveries, call the handler, count. */
final class Delivery {
    private static final Logger log = LoggerFactory.getLogger(Delivery.class);

    enum Outcome { HANDLED, DUPLICATE, UNDECODABLE, FAILED }

    private final Deduplicator deduplicator;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong undecodable = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    /** The last error, for a REST answer. */
    private volatile String lastError = "";

    Delivery(int dedupCapacity) {
        this.deduplicator = new Deduplicator(dedupCapacity);
    }

    Outcome deliver(String topic, byte[] bytes, String source, ObjectHandler handler) {
        received.incrementAndGet();
        ObjectMessage message;
        try {
            message = MessageCodec.decode(bytes, source);
        } catch (LibException e) {
            lastError = e.getMessage();
            // one bad sender could flood the log: the first and then every hundredth
            if (undecodable.incrementAndGet() % 100 == 1) {
                log.warn("skipping message {} ({} so far): {}", source, undecodable.get(), e.getMessage());
            }
            return Outcome.UNDECODABLE;
        }
        if (!deduplicator.firstTime(message)) {
            duplicates.incrementAndGet();
            log.debug("dropping redelivered frame {} of camera {} ({})", message.frame().number(), message.camera(),
                    source);
            return Outcome.DUPLICATE;
        }
        try {
            handler.handle(topic, message);
            handled.incrementAndGet();
            return Outcome.HANDLED;
        } catch (Exception | LinkageError e) {
            failed.incrementAndGet();
            lastError = "the handler of topic " + topic + " failed on frame " + message.frame().number()
                    + " of camera " + message.camera() + ": " + e;
            log.warn("{} ({}); the frame is skipped", lastError, source, e);
            return Outcome.FAILED;
        }
    }

    String lastError() {
        return lastError;
    }

    ObjectSubscriber.Stats stats() {
        return new ObjectSubscriber.Stats(received.get(), handled.get(), duplicates.get(), undecodable.get(),
                failed.get());
    }
}
