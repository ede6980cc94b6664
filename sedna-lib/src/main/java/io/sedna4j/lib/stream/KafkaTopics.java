package io.sedna4j.lib.stream;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the topics a worker uses when they are missing, with the configured partitions and Sedna's 10 MB limit. */
final class KafkaTopics {
    private static final Logger log = LoggerFactory.getLogger(KafkaTopics.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final KafkaSettings settings;
    private final Set<String> checked = ConcurrentHashMap.newKeySet();

    KafkaTopics(KafkaSettings settings) {
        this.settings = settings;
    }

    /**
     * Makes sure {@code topic} exists; checked once per topic, with an admin client opened for that alone (it would
     * otherwise keep a connection and a thread for nothing). A broker that does not answer is logged, not fatal: the
     * clients retry, and brokers that auto-create topics create it on first use.
     */
    void ensure(String topic) {
        if (!checked.add(topic)) {
            return;
        }
        Admin admin = Admin.create(settings.adminConfig());
        try {
            if (!admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).contains(topic)) {
                NewTopic t = new NewTopic(topic, Optional.of(settings.partitions()), Optional.empty())
                        .configs(Map.of("max.message.bytes", String.valueOf(KafkaSettings.MAX_MESSAGE_BYTES)));
                admin.createTopics(List.of(t)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                log.info("created topic {} with {} partition(s) at {}", topic, settings.partitions(),
                        settings.bootstrap());
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                unchecked(topic, e.getCause().toString());
            }
        } catch (TimeoutException e) {
            unchecked(topic, "no answer within " + TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            checked.remove(topic);
        } finally {
            admin.close(Duration.ofSeconds(2));
        }
    }

    private void unchecked(String topic, String why) {
        log.warn("cannot check or create topic {} at {}: {}; going on, the clients retry (fix: check that the broker "
                + "is reachable at KAFKA_BIND_IPS/KAFKA_BIND_PORTS, or create the topic)", topic, settings.bootstrap(), why);
    }
}
