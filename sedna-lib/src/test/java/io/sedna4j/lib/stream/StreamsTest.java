package io.sedna4j.lib.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.WorkerContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamsTest {
    @Test
    void sednasPipeSeparatedBrokersArePairedWithTheirPorts() {
        assertThat(KafkaSettings.bootstrap("1.2.3.4|kafka-service", "9092|9093"))
                .isEqualTo("1.2.3.4:9092,kafka-service:9093");
        assertThat(KafkaSettings.bootstrap(" 10.0.0.1 | kafka-service ", "9092")).isEqualTo("10.0.0.1:9092,kafka-service:9092");
        assertThat(KafkaSettings.bootstrap("broker", "")).isEqualTo("broker:9092");
        assertThat(KafkaSettings.bootstrap("fd00::1", "9092")).isEqualTo("[fd00::1]:9092");
    }

    @Test
    void brokerListsThatDoNotPairUpAreRefusedWithTheFix() {
        assertThatThrownBy(() -> KafkaSettings.bootstrap("a|b|c", "9092|9093"))
                .isInstanceOf(LibException.class).hasMessageContaining("names 3 brokers but")
                .hasMessageContaining("has 2 ports").hasMessageContaining("fix: give one port per address");
        assertThatThrownBy(() -> KafkaSettings.bootstrap("a", "90x2"))
                .hasMessageContaining("\"90x2\", not a port").hasMessageContaining("fix:");
        assertThatThrownBy(() -> KafkaSettings.bootstrap("", "9092"))
                .hasMessageContaining("KAFKA_BIND_IPS is not set").hasMessageContaining("KAFKA_ENABLED=false");
    }

    @Test
    void theConsumerGroupIsTheServiceElseTheWorker() {
        Map<String, String> env = Map.of("KAFKA_BIND_IPS", "127.0.0.1", "KAFKA_BIND_PORTS", "9092",
                "NAMESPACE", "campus", "WORKER_NAME", "fe-worker-1", "SERVICE_NAME", "fe");
        assertThat(KafkaSettings.fromEnv(WorkerContext.fromEnv(env)))
                .isEqualTo(new KafkaSettings("127.0.0.1:9092", "campus.fe", "fe-worker-1", 1));

        Map<String, String> job = Map.of("KAFKA_BIND_IPS", "127.0.0.1", "WORKER_NAME", "reid-1",
                "KAFKA_TOPIC_PARTITIONS", "4");
        assertThat(KafkaSettings.fromEnv(WorkerContext.fromEnv(job)).groupId()).isEqualTo("default.reid-1");
        assertThat(KafkaSettings.fromEnv(WorkerContext.fromEnv(job)).partitions()).isEqualTo(4);
        assertThat(KafkaSettings.fromEnv(WorkerContext.fromEnv(Map.of("KAFKA_BIND_IPS", "h",
                "KAFKA_GROUP_ID", "mine"))).groupId()).isEqualTo("mine");
        assertThatThrownBy(() -> KafkaSettings.fromEnv(WorkerContext.fromEnv(Map.of("KAFKA_BIND_IPS", "h",
                "KAFKA_TOPIC_PARTITIONS", "0")))).hasMessageContaining("KAFKA_TOPIC_PARTITIONS=0");
    }

    @Test
    void kafkaEnabledPicksKafkaElseRest() {
        WorkerContext kafka = WorkerContext.fromEnv(Map.of("KAFKA_ENABLED", "true", "KAFKA_BIND_IPS", "127.0.0.1",
                "KAFKA_BIND_PORTS", "1", "WORKER_NAME", "va"));
        try (ObjectPublisher p = Streams.publisher(kafka); ObjectSubscriber s = Streams.subscriber(kafka, 0)) {
            assertThat(p).isInstanceOf(KafkaObjectPublisher.class);
            assertThat(s).isInstanceOf(KafkaObjectSubscriber.class);
        }
        WorkerContext rest = WorkerContext.fromEnv(Map.of("KAFKA_ENABLED", "false", "STREAM_BIND_PORT", "0"));
        try (ObjectPublisher p = Streams.publisher(rest); ObjectSubscriber s = Streams.subscriber(rest, 6000)) {
            assertThat(p).isInstanceOf(RestObjectPublisher.class);
            assertThat(s).isInstanceOf(RestObjectSubscriber.class);
            assertThat(((RestObjectSubscriber) s).port()).isNotEqualTo(6000);
        }
    }

    @Test
    void restNamesTheReceiverAfterTheTopic() {
        assertThat(Streams.receiverVariable(Topics.OBJECT_DETECTION)).isEqualTo("OBJECT_DETECTION_URL");
        assertThat(Streams.receiverVariable(Topics.ENRICHED_OBJECT)).isEqualTo("ENRICHED_OBJECT_URL");
        WorkerContext ctx = WorkerContext.fromEnv(Map.of("OBJECT_DETECTION_URL", "http://10.0.0.5:6000",
                "ENRICHED_OBJECT_URL", "10.0.0.6:5000"));

        assertThat(Streams.receiver(ctx, Topics.OBJECT_DETECTION)).hasToString("http://10.0.0.5:6000");
        assertThatThrownBy(() -> Streams.receiver(ctx, Topics.ENRICHED_OBJECT))
                .hasMessageContaining("ENRICHED_OBJECT_URL=\"10.0.0.6:5000\" is not an http URL");
        try (ObjectPublisher p = Streams.publisher(WorkerContext.fromEnv(Map.of()))) {
            assertThatThrownBy(() -> p.publish(Topics.OBJECT_DETECTION, Messages.detected("cam-a", 0)))
                    .isInstanceOf(LibException.class)
                    .hasMessageContaining("OBJECT_DETECTION_URL is not set")
                    .hasMessageContaining("fix: set OBJECT_DETECTION_URL");
        }
    }
}
