package io.sedna4j.lib.stream;

import io.sedna4j.lib.LibException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes from Kafka in the worker's consumer group, at least once: a message's offset is committed only after its
 * handler returned, so a crash or a broker blip redelivers rather than loses; {@link Delivery} drops what the
 * application already had. One thread polls, handles and commits (a KafkaConsumer is single-threaded).
 */
public final class KafkaObjectSubscriber implements ObjectSubscriber {
    private static final Logger log = LoggerFactory.getLogger(KafkaObjectSubscriber.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration CLOSE = Duration.ofSeconds(5);

    private final KafkaSettings settings;
    private final KafkaTopics topics;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Delivery delivery = new Delivery(Deduplicator.DEFAULT_CAPACITY);
    private final Map<String, ObjectHandler> handlers = new ConcurrentHashMap<>();
    private final AtomicBoolean resubscribe = new AtomicBoolean();
    // touched by the poll thread only
    private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
    private boolean committing;
    private long commitFailures;

    private Thread thread;
    /** close() sets it and waits: the loop notices within one poll (no wakeup(), which could hit a commit). */
    private volatile boolean closed;

    public KafkaObjectSubscriber(KafkaSettings settings) {
        KafkaLogging.quiet();
        this.settings = settings;
        this.topics = new KafkaTopics(settings);
        try {
            this.consumer = new KafkaConsumer<>(settings.consumerConfig());
        } catch (KafkaException e) {
            throw new LibException("cannot create a Kafka consumer for " + settings.bootstrap() + ": " + e.getMessage()
                    + "; fix: check KAFKA_BIND_IPS and KAFKA_BIND_PORTS", e);
        }
    }

    @Override
    public synchronized void subscribe(String topic, ObjectHandler handler) {
        if (closed) {
            throw new LibException("cannot subscribe to " + topic + ": the subscriber is closed; fix: subscribe "
                    + "before close()");
        }
        topics.ensure(topic);
        handlers.put(topic, handler);
        resubscribe.set(true); // the poll thread applies it: the consumer is not thread-safe
        if (thread == null) {
            thread = new Thread(this::run, "kafka-subscriber-" + settings.groupId());
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void run() {
        try {
            while (!closed) {
                if (resubscribe.getAndSet(false)) {
                    consumer.subscribe(List.copyOf(handlers.keySet()), new Rebalance());
                }
                try {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                        handle(r);
                    }
                    commitAsync();
                } catch (KafkaException e) {
                    log.warn("the subscriber of group {} at {} failed to poll: {}; retrying in 1 s", settings.groupId(),
                            settings.bootstrap(), e.toString());
                    Thread.sleep(1000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("the subscriber of group {} stopped: {}", settings.groupId(), e.toString(), e);
        } finally {
            commitSync();
            consumer.close(CloseOptions.timeout(CLOSE));
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> r) {
        String source = "topic " + r.topic() + ", partition " + r.partition() + ", offset " + r.offset();
        delivery.deliver(r.topic(), r.value() == null ? new byte[0] : r.value(), source, handlers.get(r.topic()));
        uncommitted.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
    }

    /**
     * Commits what was handled, one commit at a time; a failed commit (broker away) stays in {@link #uncommitted} and
     * is retried on the next loop, so the group's position catches up even when no new message comes.
     */
    private void commitAsync() {
        if (uncommitted.isEmpty() || committing) {
            return;
        }
        committing = true;
        consumer.commitAsync(Map.copyOf(uncommitted), (offsets, error) -> {
            committing = false;
            if (error == null) {
                offsets.forEach(uncommitted::remove); // only where nothing newer was handled meanwhile
            } else if (commitFailures++ % 50 == 0) {
                log.debug("offset commit for group {} failed, retrying: {}", settings.groupId(), error.toString());
            }
        });
    }

    private void commitSync() {
        if (uncommitted.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(Map.copyOf(uncommitted), CLOSE);
            uncommitted.clear();
        } catch (KafkaException e) {
            log.warn("could not commit the last offsets of group {} at {}: {}; the next subscriber may receive up to "
                    + "{} partition(s) of messages again", settings.groupId(), settings.bootstrap(), e.toString(),
                    uncommitted.size());
        }
    }

    /** Before partitions move to another member, commit what was handled of them, so it does not handle them again. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commitSync();
            uncommitted.keySet().removeAll(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            log.debug("group {} consumes {}", settings.groupId(), partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            uncommitted.keySet().removeAll(partitions);
        }
    }

    @Override
    public Stats stats() {
        return delivery.stats();
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            t = thread;
        }
        if (t == null) {
            consumer.close(CloseOptions.timeout(CLOSE));
        } else {
            try {
                t.join(CLOSE.multipliedBy(3).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
