package io.sedna4j.lib.stream;

import io.sedna4j.lib.LibException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes to Kafka with an idempotent producer (see {@link KafkaSettings#producerConfig()}): while the broker is
 * down, messages wait in the producer and go out, once each and in order, when it is back.
 */
public final class KafkaObjectPublisher implements ObjectPublisher {
    private static final Logger log = LoggerFactory.getLogger(KafkaObjectPublisher.class);
    private static final Duration OUTAGE = Duration.ofSeconds(5);

    private final KafkaSettings settings;
    private final KafkaTopics topics;
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    /** When the broker last acknowledged, to report an outage once (the client's own logs are quieted). */
    private volatile long lastAck = System.nanoTime();
    private volatile boolean outage;
    private volatile boolean closed;

    public KafkaObjectPublisher(KafkaSettings settings) {
        KafkaLogging.quiet();
        this.settings = settings;
        this.topics = new KafkaTopics(settings);
        try {
            this.producer = new KafkaProducer<>(settings.producerConfig());
        } catch (KafkaException e) {
            throw new LibException("cannot create a Kafka producer for " + settings.bootstrap() + ": " + e.getMessage()
                    + "; fix: check KAFKA_BIND_IPS and KAFKA_BIND_PORTS", e);
        }
    }

    @Override
    public void publish(String topic, ObjectMessage message) {
        if (closed) {
            throw new LibException("cannot publish frame " + message.frame().number() + " of camera "
                    + message.camera() + " to " + topic + ": the publisher is closed; fix: publish before close()");
        }
        topics.ensure(topic);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic,
                message.camera().getBytes(StandardCharsets.UTF_8), MessageCodec.encode(message));
        // lets consumers route without parsing the value
        record.headers().add("schema", message.schema().getBytes(StandardCharsets.UTF_8));
        if (pending() == 0) {
            lastAck = System.nanoTime(); // nothing was waiting: the silence so far is no outage
        }
        published.incrementAndGet();
        reportOutage();
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    delivered.incrementAndGet();
                    acknowledged();
                } else {
                    dropped(topic, message, error);
                }
            });
        } catch (KafkaException e) {
            // the buffer stayed full for max.block.ms, or the message is too large
            dropped(topic, message, e);
        }
    }

    private void reportOutage() {
        if (!outage && pending() > 1 && System.nanoTime() - lastAck > OUTAGE.toNanos()) {
            outage = true;
            log.warn("no acknowledgement from the Kafka broker at {} for {} s; {} message(s) wait in memory and go "
                    + "out when it is back", settings.bootstrap(), OUTAGE.toSeconds(), pending());
        }
    }

    private void acknowledged() {
        lastAck = System.nanoTime();
        if (outage) {
            outage = false;
            log.info("the Kafka broker at {} acknowledges again; {} message(s) still pending", settings.bootstrap(),
                    pending());
        }
    }

    private void dropped(String topic, ObjectMessage message, Exception error) {
        // after a long outage every buffered message expires at once: the first and then every hundredth
        if (dropped.incrementAndGet() % 100 == 1) {
            log.warn("frame {} of camera {} was not delivered to topic {} at {} ({} dropped so far): {}; fix: check "
                    + "that the broker is reachable (KAFKA_BIND_IPS, KAFKA_BIND_PORTS)", message.frame().number(),
                    message.camera(), topic, settings.bootstrap(), dropped.get(), error.toString());
        }
    }

    @Override
    public boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return pending() == 0;
    }

    private long pending() {
        return published.get() - delivered.get() - dropped.get();
    }

    @Override
    public Stats stats() {
        return new Stats(published.get(), delivered.get(), dropped.get(), pending());
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        producer.close(Duration.ofSeconds(10));
        if (pending() > 0) {
            log.warn("closed the publisher to {} with {} message(s) undelivered", settings.bootstrap(), pending());
        }
    }
}
