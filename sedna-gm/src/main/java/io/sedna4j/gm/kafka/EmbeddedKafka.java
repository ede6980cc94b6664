package io.sedna4j.gm.kafka;

import com.yammer.metrics.core.MetricsRegistry;
import io.sedna4j.gm.GmException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.apache.kafka.server.metrics.KafkaYammerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka (KRaft: broker and controller in one) inside the GM process, for multi-edge inference jobs
 * with {@code kafkaSupport: true} when no external broker is configured. It listens on 127.0.0.1 only and keeps its
 * log under the given directory, so a restart on the same directory keeps the topics and their messages.
 *
 * <p>Sized for one machine: replication factor 1, one partition per internal topic, no rebalance delay, and
 * Sedna's 10 MB message limit (frames with crops are large).
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
    static final String HOST = "127.0.0.1";
    /** Sedna's broker deployment raises message, request and fetch limits to 10,000,000 bytes. */
    static final int MAX_MESSAGE_BYTES = 10_000_000;

    /** Brokers running in this JVM: the metrics registry they share is stopped when the last one closes. */
    private static final AtomicInteger RUNNING = new AtomicInteger();

    private final Path dir;
    private final int port;
    private final KafkaRaftServer server;
    private boolean closed;

    private EmbeddedKafka(Path dir, int port, KafkaRaftServer server) {
        this.dir = dir;
        this.port = port;
        this.server = server;
    }

    /**
     * Starts a broker on 127.0.0.1:{@code port} (0 picks a free port) with its log in {@code dir}, formatting the
     * directory on first use. Returns once the broker accepts clients (about two seconds).
     */
    public static EmbeddedKafka start(Path dir, int port) {
        KafkaLogging.quiet();
        Path logDir = dir.toAbsolutePath().normalize();
        int brokerPort = port == 0 ? freePort() : requireFree(port);
        int controllerPort = freePort();
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new GmException("cannot create the Kafka data directory " + logDir + ": " + e.getMessage()
                    + "; fix: choose a writable --data-dir", e);
        }
        format(logDir);
        // Kafka halts the JVM on fatal broker errors; in the GM that would take everything down with it.
        Exit.setExitProcedure(EmbeddedKafka::fatal);
        Exit.setHaltProcedure(EmbeddedKafka::fatal);
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config(logDir, brokerPort, controllerPort), false),
                Time.SYSTEM);
        long started = System.nanoTime();
        try {
            server.startup();
        } catch (RuntimeException e) {
            stop(server);
            if (RUNNING.get() == 0) {
                Exit.resetExitProcedure();
                Exit.resetHaltProcedure();
                stopMetrics();
            }
            throw new GmException("the embedded Kafka broker cannot start on " + HOST + ":" + brokerPort + " with data in "
                    + logDir + ": " + e.getMessage() + "; fix: free the port or choose another one, and check that no "
                    + "other GM uses the same data directory", e);
        }
        RUNNING.incrementAndGet();
        log.info("embedded Kafka broker at {}:{} (data {}) started in {} ms", HOST, brokerPort, logDir,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        return new EmbeddedKafka(logDir, brokerPort, server);
    }

    /** The bootstrap servers clients connect to, "127.0.0.1:port". */
    public String bootstrap() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dir;
    }

    /** Stops the broker and waits for its threads to end; its data stays in {@link #dataDir()}. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop(server);
        if (RUNNING.decrementAndGet() == 0) {
            Exit.resetExitProcedure();
            Exit.resetHaltProcedure();
            stopMetrics();
        }
        log.info("embedded Kafka broker at {} stopped", bootstrap());
    }

    private static void stop(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            log.warn("the embedded Kafka broker did not stop cleanly: {}", e.toString());
        }
    }

    /**
     * The broker's metrics live in a JVM-wide registry whose tick threads outlive the broker. Emptying it and stopping
     * its threads leaves nothing behind; a later start creates fresh ones.
     */
    private static void stopMetrics() {
        MetricsRegistry registry = KafkaYammerMetrics.defaultRegistry();
        List.copyOf(registry.allMetrics().keySet()).forEach(registry::removeMetric);
        registry.shutdown();
    }

    /** Formats an empty directory once (a new cluster id); a formatted one keeps its cluster, topics and offsets. */
    private static void format(Path dir) {
        if (Files.exists(dir.resolve("meta.properties"))) {
            return;
        }
        String d = dir.toString();
        try {
            new Formatter().setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setClusterId(Uuid.randomUuid().toString()).setNodeId(1)
                    .setDirectories(List.of(d)).setMetadataLogDirectory(d).setControllerListenerName("CONTROLLER")
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION).run();
        } catch (Exception e) {
            throw new GmException("cannot format the Kafka data directory " + d + ": " + e.getMessage()
                    + "; fix: empty the directory or choose another --data-dir", e);
        }
    }

    static Properties config(Path dir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dir.toString());
        // one node: no replication, small internal topics (fewer partitions to load on start), no join delay
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("message.max.bytes", String.valueOf(MAX_MESSAGE_BYTES));
        return p;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new GmException("no free port on " + HOST + " for the embedded Kafka broker: " + e.getMessage()
                    + "; fix: check the loopback interface", e);
        }
    }

    /** Checked before Kafka tries, which would log a stack trace per listener before failing. */
    private static int requireFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new GmException("the embedded Kafka broker cannot listen on " + HOST + ":" + port + ": "
                    + e.getMessage() + "; fix: stop what uses the port, or give another port (0 picks a free one)", e);
        }
    }

    private static void fatal(int status, String message) {
        log.error("the embedded Kafka broker failed fatally (status {}): {}; fix: restart the GM, and check the "
                + "disk that holds its data directory", status, message);
    }

    @Override
    public String toString() {
        return "EmbeddedKafka[" + bootstrap() + ", " + dir + "]";
    }
}
