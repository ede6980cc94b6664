package io.sedna4j.lib.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Kafka path against a real in-process broker, shared by the class; each test uses its own topic and group. */
@Timeout(60)
class KafkaStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static Path dir;
    private static TestBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        dir = Files.createTempDirectory("sedna4j-kafka");
        broker = new TestBroker(dir);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void twoCamerasArriveOnceEachAndInOrderPerCamera() throws Exception {
        KafkaSettings settings = new KafkaSettings(broker.bootstrap(), "fe-order", "fe", 3);
        Received received = new Received();
        try (ObjectSubscriber subscriber = new KafkaObjectSubscriber(settings);
                ObjectPublisher publisher = new KafkaObjectPublisher(settings)) {
            subscriber.subscribe("order", received);
            for (int frame = 0; frame < 40; frame++) {
                publisher.publish("order", Messages.detected("cam-a", frame));
                publisher.publish("order", Messages.detected("cam-b", frame));
            }
            assertThat(publisher.flush(WAIT)).isTrue();

            assertThat(received.await(80, WAIT)).isEqualTo(80);
            assertThat(received.framesByCamera()).containsOnlyKeys("cam-a", "cam-b")
                    .containsEntry("cam-a", Received.range(0, 40)).containsEntry("cam-b", Received.range(0, 40));
            assertThat(received.messages()).contains(Messages.detected("cam-b", 17));
            assertThat(publisher.stats()).isEqualTo(new ObjectPublisher.Stats(80, 80, 0, 0));
            assertThat(subscriber.stats().duplicates()).isZero();
        }
    }

    @Test
    void framesPublishedWhileTheBrokerIsDownArriveAfterItsRestartOnceEach() throws Exception {
        KafkaSettings settings = KafkaSettings.of(broker.bootstrap(), "fe-blip");
        Received received = new Received();
        try (ObjectSubscriber subscriber = new KafkaObjectSubscriber(settings);
                ObjectPublisher publisher = new KafkaObjectPublisher(settings)) {
            subscriber.subscribe("blip", received);
            publishFrames(publisher, "blip", 0, 15);
            assertThat(received.await(30, WAIT)).isEqualTo(30);

            broker.stop();
            Thread.sleep(1500); // the clients notice: connections refused, metadata stale
            long down = System.nanoTime();
            publishFrames(publisher, "blip", 15, 30);
            assertThat(Duration.ofNanos(System.nanoTime() - down)).as("publishing while the broker is away")
                    .isLessThan(Duration.ofSeconds(1));
            Thread.sleep(500);
            assertThat(publisher.stats().pending()).as("frames buffered by the producer").isEqualTo(30);
            broker.start();
            publishFrames(publisher, "blip", 30, 45);

            assertThat(publisher.flush(WAIT)).isTrue();
            assertThat(received.await(90, WAIT)).isEqualTo(90);
            Thread.sleep(300); // anything redelivered late would show now
            assertThat(received.framesByCamera())
                    .containsEntry("cam-a", Received.range(0, 45)).containsEntry("cam-b", Received.range(0, 45));
            assertThat(received.count()).isEqualTo(90);
            assertThat(publisher.stats().dropped()).isZero();
        }
        assertThat(recordsIn("blip")).as("records in the topic: the idempotent producer wrote none twice")
                .isEqualTo(90);
    }

    @Test
    void aRestartedSubscriberGoesOnFromTheCommittedOffset() throws Exception {
        KafkaSettings settings = KafkaSettings.of(broker.bootstrap(), "fe-resume");
        try (ObjectPublisher publisher = new KafkaObjectPublisher(settings)) {
            Received first = new Received();
            try (ObjectSubscriber subscriber = new KafkaObjectSubscriber(settings)) {
                subscriber.subscribe("resume", first);
                publishFrames(publisher, "resume", 0, 10);
                assertThat(first.await(20, WAIT)).isEqualTo(20);
            }
            publishFrames(publisher, "resume", 10, 20);
            assertThat(publisher.flush(WAIT)).isTrue();

            Received second = new Received();
            try (ObjectSubscriber subscriber = new KafkaObjectSubscriber(settings)) {
                subscriber.subscribe("resume", second);
                assertThat(second.await(20, WAIT)).isEqualTo(20);
                Thread.sleep(300);
            }
            assertThat(second.framesByCamera())
                    .containsEntry("cam-a", Received.range(10, 20)).containsEntry("cam-b", Received.range(10, 20));
            assertThat(second.count()).isEqualTo(20);
        }
    }

    @Test
    void aFrameSentTwiceReachesTheApplicationOnce() throws Exception {
        KafkaSettings settings = KafkaSettings.of(broker.bootstrap(), "fe-twice");
        Received received = new Received();
        try (ObjectSubscriber subscriber = new KafkaObjectSubscriber(settings);
                ObjectPublisher publisher = new KafkaObjectPublisher(settings)) {
            subscriber.subscribe("twice", received);
            // a video analytics worker restarted before its last frames were acknowledged sends them again
            publisher.publish("twice", Messages.detected("cam-a", 0));
            publisher.publish("twice", Messages.detected("cam-a", 1));
            publisher.publish("twice", Messages.detected("cam-a", 1));
            publisher.publish("twice", Messages.detected("cam-a", 2));

            assertThat(received.await(3, WAIT)).isEqualTo(3);
            Thread.sleep(300);
            assertThat(received.framesByCamera()).containsEntry("cam-a", List.of(0L, 1L, 2L));
            assertThat(subscriber.stats().duplicates()).isEqualTo(1);
        }
    }

    @Test
    void aForeignMessageOnTheTopicIsSkippedAndCounted() throws Exception {
        KafkaSettings settings = KafkaSettings.of(broker.bootstrap(), "fe-foreign");
        Received received = new Received();
        try (ObjectSubscriber subscriber = new KafkaObjectSubscriber(settings);
                ObjectPublisher publisher = new KafkaObjectPublisher(settings);
                KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(Map.of("bootstrap.servers",
                        broker.bootstrap(), "key.serializer", ByteArraySerializer.class, "value.serializer",
                        ByteArraySerializer.class))) {
            subscriber.subscribe("foreign", received);
            raw.send(new ProducerRecord<>("foreign", "cam-a".getBytes(), new byte[] {(byte) 0x80, 4, 0})).get();
            publisher.publish("foreign", Messages.detected("cam-a", 0));

            assertThat(received.await(1, WAIT)).isEqualTo(1);
            // counted once the handler returned, a moment after it received the message
            assertThat(Received.stats(subscriber, s -> s.handled() == 1, WAIT).undecodable()).isEqualTo(1);
        }
    }

    private static void publishFrames(ObjectPublisher publisher, String topic, int from, int to) {
        for (int frame = from; frame < to; frame++) {
            publisher.publish(topic, Messages.detected("cam-a", frame));
            publisher.publish(topic, Messages.detected("cam-b", frame));
        }
    }

    /** How many records the topic holds, read from the beginning without a group. */
    private static long recordsIn(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                broker.bootstrap(), "key.deserializer", ByteArrayDeserializer.class, "value.deserializer",
                ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long count = 0;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                count += consumer.poll(Duration.ofMillis(200)).count();
            }
            return count;
        }
    }
}
