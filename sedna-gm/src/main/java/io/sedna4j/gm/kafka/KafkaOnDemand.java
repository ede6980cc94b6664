package io.sedna4j.gm.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.control.Subscription;
import io.sedna4j.control.store.ResourceStore;
import io.sedna4j.control.store.WatchEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GM's Kafka broker, started the first time a resource asks for Kafka ({@code spec.kafkaSupport: true}) and
 * not before: most deployments never need one. Its port is fixed when the GM starts, so controllers can give
 * workers its address before it runs; workers' clients wait for it.
 */
public final class KafkaOnDemand implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaOnDemand.class);
    private static final List<Kind> KINDS = List.of(Kind.VIDEO_ANALYTICS_JOB, Kind.FEATURE_EXTRACTION_SERVICE,
            Kind.REID_JOB);

    private final Path dir;
    private final int port;
    private final ExecutorService starter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kafka-on-demand");
        t.setDaemon(true);
        return t;
    });
    private final Subscription watch;
    private EmbeddedKafka broker; // guarded by this
    private boolean closed; // guarded by this

    public KafkaOnDemand(ResourceStore store, Path dir, int port) {
        this.dir = dir;
        this.port = port;
        this.watch = store.watch(this::changed);
        for (Kind kind : KINDS) {
            if (store.list(kind, null).stream().anyMatch(KafkaOnDemand::wantsKafka)) {
                starter.execute(this::start);
                break;
            }
        }
    }

    public int port() {
        return port;
    }

    private void changed(WatchEvent event) {
        if (event.type() != WatchEvent.Type.DELETED && wantsKafka(event.resource())) {
            starter.execute(this::start);
        }
    }

    private static boolean wantsKafka(Resource<?, ?> r) {
        if (!KINDS.contains(r.kindInfo())) {
            return false;
        }
        JsonNode spec = ResourceCodec.toTree(r).path("spec");
        return spec.path("kafkaSupport").asBoolean(false);
    }

    private synchronized void start() {
        if (broker != null || closed) {
            return;
        }
        try {
            broker = EmbeddedKafka.start(dir, port);
        } catch (RuntimeException e) {
            LOG.error("{}", e.getMessage()); // the workers that need it will say they cannot reach it
        }
    }

    @Override
    public void close() {
        watch.close();
        starter.shutdown(); // a broker half started is let finish, then stopped: interrupting it spills errors
        try {
            starter.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            closed = true;
            if (broker != null) {
                broker.close();
            }
        }
    }
}
