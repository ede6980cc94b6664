package io.sedna4j.lib.stream;

import java.util.Map;

/**
 * Keeps Kafka's client logs out of a worker's output: the clients log their whole configuration at INFO and a
 * warning per reconnect attempt or retried batch while a broker is away (the publisher reports an outage once
 * itself). These are slf4j-simple's per-logger levels, set only where the operator has not set them
 * ({@code -Dorg.slf4j.simpleLogger.log.org.apache.kafka=info} brings them back).
 */
final class KafkaLogging {
    private static final String PREFIX = "org.slf4j.simpleLogger.log.";
    private static final Map<String, String> LEVELS = Map.of(
            "org.apache.kafka", "warn",
            "org.apache.kafka.clients.NetworkClient", "error",
            "org.apache.kafka.clients.producer.internals.Sender", "error");

    private KafkaLogging() {
    }

    /** Must run before the first Kafka client: loggers take their level when created. */
    static void quiet() {
        LEVELS.forEach((logger, level) -> {
            if (System.getProperty(PREFIX + logger) == null) {
                System.setProperty(PREFIX + logger, level);
            }
        });
    }
}
