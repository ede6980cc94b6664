package io.sedna4j.lib.stream;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.WorkerContext;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Picks the transport from the environment the GM injects: Kafka when KAFKA_ENABLED is true (the job's
 * {@code kafkaSupport}), else REST.
 *
 * <table>
 *   <caption>Environment</caption>
 *   <tr><td>KAFKA_ENABLED</td><td>true: Kafka; false or unset: REST</td></tr>
 *   <tr><td>KAFKA_BIND_IPS, KAFKA_BIND_PORTS</td><td>the brokers, pipe-separated and paired
 *     ({@link KafkaSettings#fromEnv})</td></tr>
 *   <tr><td>KAFKA_GROUP_ID</td><td>consumer group; default {@code <NAMESPACE>.<SERVICE_NAME or WORKER_NAME>}</td></tr>
 *   <tr><td>KAFKA_TOPIC_PARTITIONS</td><td>partitions of topics this worker creates; default 1</td></tr>
 *   <tr><td>{@code <TOPIC>_URL}</td><td>REST: the receiver of a topic, named after it in upper case:
 *     OBJECT_DETECTION_URL (the feature extraction worker), ENRICHED_OBJECT_URL (the ReID worker)</td></tr>
 *   <tr><td>STREAM_BIND_IP, STREAM_BIND_PORT</td><td>REST: where a subscriber listens; 127.0.0.1 and the
 *     worker's default port</td></tr>
 *   <tr><td>STREAM_BUFFER_MESSAGES</td><td>REST: messages kept while the receiver is away; default 256</td></tr>
 * </table>
 */
public final class Streams {
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    private Streams() {
    }

    public static ObjectPublisher publisher(WorkerContext ctx) {
        if (ctx.kafkaEnabled()) {
            return new KafkaObjectPublisher(KafkaSettings.fromEnv(ctx));
        }
        int capacity = ctx.intParameter("STREAM_BUFFER_MESSAGES", RestObjectPublisher.DEFAULT_CAPACITY);
        if (capacity < 1) {
            throw new LibException("environment variable STREAM_BUFFER_MESSAGES=" + capacity + " is not a count of "
                    + "messages; fix: set it to 1 or more, or unset it for " + RestObjectPublisher.DEFAULT_CAPACITY);
        }
        return new RestObjectPublisher(topic -> receiver(ctx, topic), capacity, MAX_BACKOFF);
    }

    /** A subscriber; with REST it listens on STREAM_BIND_IP:STREAM_BIND_PORT, {@code defaultPort} when unset. */
    public static ObjectSubscriber subscriber(WorkerContext ctx, int defaultPort) {
        if (ctx.kafkaEnabled()) {
            return new KafkaObjectSubscriber(KafkaSettings.fromEnv(ctx));
        }
        return new RestObjectSubscriber(ctx.parameter("STREAM_BIND_IP", "127.0.0.1"),
                ctx.portParameter("STREAM_BIND_PORT", defaultPort));
    }

    /** The variable naming the REST receiver of a topic: "object_detection" → OBJECT_DETECTION_URL. */
    public static String receiverVariable(String topic) {
        return topic.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_URL";
    }

    static URI receiver(WorkerContext ctx, String topic) {
        String name = receiverVariable(topic);
        String value = ctx.parameter(name, null);
        if (value == null) {
            throw new LibException("KAFKA_ENABLED is not true, so messages for topic " + topic + " go over REST, but "
                    + name + " is not set; fix: set " + name + " to the receiving worker's URL, such as "
                    + "http://127.0.0.1:6000, or set KAFKA_ENABLED=true with KAFKA_BIND_IPS and KAFKA_BIND_PORTS");
        }
        try {
            URI uri = URI.create(value.trim());
            if ("http".equals(uri.getScheme()) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new LibException("environment variable " + name + "=\"" + value + "\" is not an http URL; fix: set it "
                + "like http://127.0.0.1:6000");
    }
}
