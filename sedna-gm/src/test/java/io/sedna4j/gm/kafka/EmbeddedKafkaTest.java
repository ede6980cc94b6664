package io.sedna4j.gm.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sedna4j.gm.GmException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {
    @TempDir
    Path dir;

    @Test
    void restartOnTheSameDirectoryKeepsTopicsAndMessagesAndLeavesNoThreads() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        long started = System.nanoTime();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0)) {
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
            assertThat(kafka.bootstrap()).startsWith("127.0.0.1:").doesNotEndWith(":0");
            produce(kafka.bootstrap(), "object_detection", 20);
        }
        assertThat(newThreadsStillAlive(before)).as("threads left by the stopped broker").isEmpty();

        try (EmbeddedKafka again = EmbeddedKafka.start(dir, 0)) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", again.bootstrap()))) {
                assertThat(admin.listTopics().names().get()).contains("object_detection");
            }
            assertThat(consume(again.bootstrap(), "object_detection", 20))
                    .containsExactlyElementsOf(expected(20));
        }
        assertThat(newThreadsStillAlive(before)).as("threads left after the restart").isEmpty();
    }

    @Test
    void theBrokerDoesNotFloodTheGmOutput() throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0)) {
            produce(kafka.bootstrap(), "enriched_object", 1);
        } finally {
            System.setErr(err);
        }
        List<String> kafkaLines = captured.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.contains(" kafka.") || line.contains(" org.apache.kafka"))
                .collect(Collectors.toList());
        assertThat(kafkaLines).isEmpty();
    }

    @Test
    void aPortInUseIsReportedWithTheFix() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> EmbeddedKafka.start(dir, taken.getLocalPort()))
                    .isInstanceOf(GmException.class)
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("fix:");
        }
    }

    private static void produce(String bootstrap, String topic, int n) throws Exception {
        Map<String, Object> config = Map.of("bootstrap.servers", bootstrap, "acks", "all",
                "key.serializer", StringSerializer.class, "value.serializer", StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (String value : expected(n)) {
                producer.send(new ProducerRecord<>(topic, "cam", value)).get();
            }
        }
    }

    private static List<String> consume(String bootstrap, String topic, int n) {
        Map<String, Object> config = Map.of("bootstrap.servers", bootstrap, "group.id", "test",
                "auto.offset.reset", "earliest", "key.deserializer", StringDeserializer.class,
                "value.deserializer", StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (values.size() < n && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }

    private static List<String> expected(int n) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add(new String(("frame-" + i).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        }
        return values;
    }

    /** Threads that were not there before and are still alive a few seconds later. */
    static List<String> newThreadsStillAlive(Set<Thread> before) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<String> alive;
        do {
            alive = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t) && t.isAlive())
                    .map(Thread::getName).collect(Collectors.toList());
            if (alive.isEmpty()) {
                break;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return alive;
    }
}
