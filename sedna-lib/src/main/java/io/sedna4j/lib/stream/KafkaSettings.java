package io.sedna4j.lib.stream;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.WorkerContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Where the broker is and how this worker uses it: bootstrap servers, consumer group, client id, partitions of the
 * topics it creates. {@link #fromEnv} reads Sedna's environment.
 */
public record KafkaSettings(String bootstrap, String groupId, String clientId, int partitions) {
    /** Sedna's broker deployment raises message, request and fetch limits to 10,000,000 bytes: frames are large. */
    public static final int MAX_MESSAGE_BYTES = 10_000_000;
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    public KafkaSettings {
        if (bootstrap == null || bootstrap.isBlank() || groupId == null || groupId.isBlank() || partitions < 1) {
            throw new IllegalArgumentException("bootstrap and group must be set and partitions at least 1: "
                    + bootstrap + ", " + groupId + ", " + partitions);
        }
    }

    public static KafkaSettings of(String bootstrap, String groupId) {
        return new KafkaSettings(bootstrap, groupId, groupId, 1);
    }

    /**
     * From the environment: KAFKA_BIND_IPS and KAFKA_BIND_PORTS (pipe-separated, paired in order; one port serves
     * every address; 9092 when unset), KAFKA_GROUP_ID (default {@code <namespace>.<SERVICE_NAME or WORKER_NAME>}:
     * the replicas of a service share the work, other workers each get every message), KAFKA_TOPIC_PARTITIONS
     * (default 1).
     */
    public static KafkaSettings fromEnv(WorkerContext ctx) {
        String bootstrap = bootstrap(ctx.parameter("KAFKA_BIND_IPS", ""), ctx.parameter("KAFKA_BIND_PORTS", ""));
        String member = ctx.serviceName().isEmpty() ? ctx.workerName() : ctx.serviceName();
        String group = ctx.parameter("KAFKA_GROUP_ID", ctx.namespace() + "." + member);
        int partitions = ctx.intParameter("KAFKA_TOPIC_PARTITIONS", 1);
        if (partitions < 1) {
            throw new LibException("environment variable KAFKA_TOPIC_PARTITIONS=" + partitions + " is not a count"
                    + " of partitions; fix: set it to 1 or more (cameras spread over partitions), or unset it for 1");
        }
        return new KafkaSettings(bootstrap, group, ctx.workerName(), partitions);
    }

    /** Sedna's pairing: "10.0.0.1|kafka-service" and "9092|9092" give "10.0.0.1:9092,kafka-service:9092". */
    static String bootstrap(String ips, String ports) {
        List<String> hosts = split(ips);
        List<String> portList = split(ports);
        if (hosts.isEmpty()) {
            throw new LibException("KAFKA_ENABLED is true but KAFKA_BIND_IPS is not set; fix: set KAFKA_BIND_IPS to "
                    + "the broker addresses, pipe-separated (\"10.0.0.1|kafka-service\"), and KAFKA_BIND_PORTS to "
                    + "their ports (\"9092|9092\"), or set KAFKA_ENABLED=false to use REST");
        }
        if (portList.size() > 1 && portList.size() != hosts.size()) {
            throw new LibException("KAFKA_BIND_IPS=\"" + ips + "\" names " + hosts.size() + " brokers but "
                    + "KAFKA_BIND_PORTS=\"" + ports + "\" has " + portList.size() + " ports; fix: give one port per "
                    + "address, in the same order, or a single port for all");
        }
        List<String> servers = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            String host = hosts.get(i);
            String port = portList.isEmpty() ? "9092" : portList.get(portList.size() == 1 ? 0 : i);
            if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw new LibException("KAFKA_BIND_PORTS=\"" + ports + "\" has \"" + port + "\", not a port; fix: "
                        + "use ports from 1 to 65535 separated by |, such as \"9092|9092\"");
            }
            servers.add((host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port);
        }
        return String.join(",", servers);
    }

    private static List<String> split(String value) {
        List<String> items = new ArrayList<>();
        for (String item : value.split("\\|")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return items;
    }

    /**
     * Idempotent producer: the broker drops a batch resent after a lost acknowledgement, so a blip does not
     * duplicate frames; with acks=all and up to 5 requests in flight it also keeps each camera's order. Retries go
     * on for two minutes (delivery.timeout.ms) while messages wait in the producer's 32 MB buffer.
     *
     * <p>No "rebootstrap" (Kafka 4's default): when its only broker is away, the client would forget the topics'
     * metadata, and every send would then block for max.block.ms instead of buffering. A send blocks at most 5 s
     * (buffer full, or a topic it never saw), then the message is dropped and counted.
     */
    Map<String, Object> producerConfig() {
        return Map.ofEntries(
                Map.entry("bootstrap.servers", bootstrap),
                Map.entry("client.id", clientId + "-producer-" + CLIENTS.incrementAndGet()),
                Map.entry("acks", "all"),
                Map.entry("enable.idempotence", true),
                Map.entry("max.in.flight.requests.per.connection", 5),
                Map.entry("retries", Integer.MAX_VALUE),
                Map.entry("delivery.timeout.ms", 120_000),
                Map.entry("linger.ms", 5),
                Map.entry("metadata.recovery.strategy", "none"),
                Map.entry("max.block.ms", 5_000),
                Map.entry("max.request.size", MAX_MESSAGE_BYTES),
                Map.entry("key.serializer", ByteArraySerializer.class),
                Map.entry("value.serializer", ByteArraySerializer.class));
    }

    /**
     * Manual commits after the handler returns (at-least-once); a new group starts from the oldest message. Topics
     * are created ahead ({@link KafkaTopics}); auto-creation stays allowed for a broker that came up late.
     */
    Map<String, Object> consumerConfig() {
        return Map.of(
                "bootstrap.servers", bootstrap,
                "group.id", groupId,
                "client.id", clientId + "-consumer-" + CLIENTS.incrementAndGet(),
                "enable.auto.commit", false,
                "auto.offset.reset", "earliest",
                "allow.auto.create.topics", true,
                "max.poll.records", 64,
                "key.deserializer", ByteArrayDeserializer.class,
                "value.deserializer", ByteArrayDeserializer.class);
    }

    Map<String, Object> adminConfig() {
        return Map.of("bootstrap.servers", bootstrap, "client.id", clientId + "-admin-" + CLIENTS.incrementAndGet(),
                "request.timeout.ms", 10_000, "default.api.timeout.ms", 15_000);
    }
}
