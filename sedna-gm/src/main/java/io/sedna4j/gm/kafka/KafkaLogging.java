package io.sedna4j.gm.kafka;

import java.util.Map;

/**
 * Keeps the broker's logs out of the GM's output: Kafka logs its whole configuration and every partition load at
 * INFO, routine events ("controller activation") at WARN, and a warning per client reconnect attempt. Kafka 4 logs
 * through SLF4J; these are slf4j-simple's per-logger levels, set only where the operator has not set them
 * ({@code -Dorg.slf4j.simpleLogger.log.kafka=info} brings them back). Broker errors still show.
 */
final class KafkaLogging {
    private static final String PREFIX = "org.slf4j.simpleLogger.log.";
    private static final Map<String, String> LEVELS = Map.of(
            "kafka", "error",
            "org.apache.kafka", "error",
            "state.change.logger", "error",
            "org.apache.kafka.clients", "warn",
            "org.apache.kafka.clients.NetworkClient", "error");

    private KafkaLogging() {
    }

    /** Must run before Kafka's classes create their loggers, that is before the first broker or client. */
    static void quiet() {
        LEVELS.forEach((logger, level) -> {
            if (System.getProperty(PREFIX + logger) == null) {
                System.setProperty(PREFIX + logger, level);
            }
        });
    }
}
