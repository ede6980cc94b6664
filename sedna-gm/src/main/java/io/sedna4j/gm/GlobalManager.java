package io.sedna4j.gm;

import io.javalin.Javalin;
import io.micrometer.core.instrument.MeterRegistry;
import io.sedna4j.control.edge.EdgeChannel;
import io.sedna4j.control.node.NodeRegistry;
import io.sedna4j.control.store.ResourceStore;
import io.sedna4j.control.worker.WorkerPlatform;
import io.sedna4j.control.controllers.Streaming;
import io.sedna4j.gm.kafka.KafkaOnDemand;
import io.sedna4j.gm.link.LinkHub;
import io.sedna4j.gm.metrics.GmMetrics;
import io.sedna4j.gm.node.Nodes;
import io.sedna4j.gm.rest.RestApi;
import io.sedna4j.gm.store.Database;
import io.sedna4j.gm.store.SqliteResourceStore;
import io.sedna4j.gm.worker.StandaloneWorkerPlatform;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Global Manager process, embeddable: resources in SQLite, the REST API, the {@code /ws} hub for Local
 * Controllers, the node registry, the standalone worker platform, the reconcile engine with Sedna's controllers,
 * and Prometheus metrics, all on one port. {@link #start} returns once it listens; {@link #close} stops everything
 * and closes the database.
 */
public final class GlobalManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GlobalManager.class);

    private final GmConfig config;
    private final AtomicBoolean stopping = new AtomicBoolean();
    /** What to close, last started first. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private SqliteResourceStore store;
    private LinkHub hub;
    private Nodes nodes;
    private StandaloneWorkerPlatform workers;
    private GmMetrics metrics;
    private KafkaOnDemand kafka;
    private volatile Engine engine;
    private Javalin app;
    private URI url;
    /** On a cluster: what the GM runs against, whether it leads, and who to tell when it stops leading. */
    private ClusterAdapters cluster;
    private volatile boolean leading;
    private final java.util.List<Runnable> leadershipLost = new java.util.concurrent.CopyOnWriteArrayList<>();

    private GlobalManager(GmConfig config) {
        this.config = config;
    }

    /**
     * Starts a GM; a second GM on the same data dir is refused by SQLite's lock only if it writes at the same time,
     * so callers keep one GM per data dir.
     *
     * @throws GmException when it cannot listen, cannot open its database, or listens beyond loopback without a token
     */
    public static GlobalManager start(GmConfig config) {
        boolean loopback = isLoopback(config.host());
        if (!loopback && config.token() == null) {
            throw new GmException("the GM would listen on " + config.host() + ", beyond this machine, without a "
                    + "token; fix: write a token to " + config.dataDir().resolve("token") + " (sedna up does) or "
                    + "listen on 127.0.0.1");
        }
        GlobalManager gm = new GlobalManager(config);
        try {
            gm.open(loopback);
            return gm;
        } catch (RuntimeException e) {
            gm.close();
            throw e;
        }
    }

    /**
     * Starts a GM on a cluster: resources, workers and nodes are the cluster's ({@code cluster}); the GM serves
     * {@code /ws} for the Local Controllers, {@code /metrics}, {@code /healthz} and {@code /readyz} (200 only while
     * it leads, so that a Service sends Local Controllers to the leader), and reconciles only while it leads. It
     * keeps the link's outboxes in {@code <dataDir>/gm/gm.db}. Kubernetes' API server is the resource API: there is
     * no REST API of the GM's own.
     */
    public static GlobalManager start(GmConfig config, ClusterAdapters cluster) {
        if (!isLoopback(config.host()) && config.token() == null) {
            throw new GmException("the GM would listen on " + config.host() + " without a token for the Local "
                    + "Controllers; fix: mount the token Secret and pass --token-file (deploy/gm.yaml does)");
        }
        GlobalManager gm = new GlobalManager(config);
        gm.cluster = cluster;
        try {
            gm.openOnCluster();
            return gm;
        } catch (RuntimeException e) {
            gm.close();
            throw e;
        }
    }

    private void openOnCluster() {
        Database db = Database.open(config.database());
        started.push(db);
        metrics = new GmMetrics();
        hub = new LinkHub(db, config.token(), metrics.registry());
        started.push(hub);
        listen(routes -> {
            metrics.install(routes);
            hub.install(routes);
            routes.get("/healthz", ctx -> ctx.contentType("text/plain").result("ok"));
            routes.get("/readyz", ctx -> ctx.status(leading ? 200 : 503).contentType("text/plain")
                    .result(leading ? "leading" : "standing by: another GM leads"));
        });
        synchronized (this) { // the election may call back at once, from its own thread
            started.push(cluster.election().run(this::startLeading, this::stopLeading));
        }
        LOG.info("Global Manager on the cluster, listening on {} for Local Controllers; campaigning for leadership",
                url);
    }

    private synchronized void startLeading() {
        if (stopping.get() || engine != null) {
            return;
        }
        engine = Engine.start(cluster.store(), cluster.workers(), cluster.nodes(), hub, config.resync(),
                cluster.streaming(), metrics);
        started.push(engine);
        leading = true;
    }

    private void stopLeading() {
        synchronized (this) {
            leading = false;
            if (engine != null) {
                engine.close();
            }
        }
        if (!stopping.get()) {
            leadershipLost.forEach(Runnable::run);
        }
    }

    /** Whether this GM reconciles: always standalone; on a cluster, while it holds the lease. */
    public boolean leading() {
        return cluster == null || leading;
    }

    /** Runs {@code r} when this GM loses the lease it held (it should then exit and campaign anew). */
    public void onLeadershipLost(Runnable r) {
        leadershipLost.add(r);
    }

    private void listen(java.util.function.Consumer<io.javalin.config.RoutesConfig> install) {
        try {
            app = Javalin.create(cfg -> {
                cfg.startup.showJavalinBanner = false;
                cfg.startup.showOldJavalinVersionWarning = false;
                cfg.http.maxRequestSize = 16L * 1024 * 1024;
                install.accept(cfg.routes);
            }).start(config.host(), config.port());
        } catch (RuntimeException e) {
            throw new GmException("the GM cannot listen on " + config.host() + ":" + config.port() + ": "
                    + rootMessage(e) + "; fix: stop what uses the port, or give another one (--listen HOST:PORT)", e);
        }
        started.push(() -> app.stop());
        url = URI.create("http://" + urlHost(config.host()) + ":" + app.port());
    }

    private void open(boolean loopback) {
        Database db = Database.open(config.database());
        started.push(db);
        metrics = new GmMetrics();
        store = new SqliteResourceStore(db);
        hub = new LinkHub(db, config.token(), metrics.registry());
        started.push(hub);
        nodes = new Nodes(db, hub, config.nodeTimeout(), metrics.registry());
        started.push(nodes);
        workers = new StandaloneWorkerPlatform(db, hub);
        started.push(workers);
        RestApi rest = new RestApi(store, nodes, workers, config.dataDir(), loopback ? null : config.token(),
                this::serverAddress, stopping::get);
        listen(routes -> {
            metrics.install(routes);
            rest.install(routes);
            hub.install(routes);
        });
        kafka = new KafkaOnDemand(store, config.dataDir().resolve("kafka"), freePort());
        started.push(kafka);
        engine = Engine.start(store, workers, nodes, hub, config.resync(),
                new Streaming("127.0.0.1", kafka.port()), metrics);
        started.push(engine);
        LOG.info("Global Manager listening on {} (data in {}{})", url, config.dataDir(),
                loopback ? "" : ", clients need the token");
    }

    /** Where clients reach the GM: {@code http://127.0.0.1:9000}, with the port actually bound. */
    public URI url() {
        return url;
    }

    public GmConfig config() {
        return config;
    }

    public ResourceStore store() {
        return cluster != null ? cluster.store() : store;
    }

    public NodeRegistry nodes() {
        return cluster != null ? cluster.nodes() : nodes;
    }

    public WorkerPlatform workers() {
        return cluster != null ? cluster.workers() : workers;
    }

    public EdgeChannel edge() {
        return hub;
    }

    /** The reconcile engine's counters: reconciles, errors, queue depth. */
    public io.sedna4j.control.engine.EngineMetrics engineMetrics() {
        Engine e = engine;
        return e == null ? new io.sedna4j.control.engine.EngineMetrics(0, 0, 0) : e.metrics();
    }

    /** The port of the embedded Kafka broker, which starts when the first resource asks for Kafka; 0 on a cluster. */
    public int kafkaPort() {
        return kafka == null ? 0 : kafka.port();
    }

    /** The meters served at /metrics; still readable after {@link #close()}, for a last look. */
    public MeterRegistry metrics() {
        return metrics.registry();
    }

    /** Stops the engine, the server (watches and links end) and closes the database. Idempotent. */
    @Override
    public synchronized void close() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        // last started first: the engine (it writes through everything else), then the server, the database last
        for (AutoCloseable c : started) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing the GM: {} failed: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
        started.clear();
    }

    private String serverAddress() {
        return url == null ? config.host() + ":" + config.port() : url.getHost() + ":" + url.getPort();
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new GmException("cannot resolve the listen address \"" + host + "\": " + e.getMessage()
                    + "; fix: give an IP address such as 127.0.0.1");
        }
    }

    private static String urlHost(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            if (address.isAnyLocalAddress()) {
                return "127.0.0.1";
            }
        } catch (UnknownHostException e) {
            return host;
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    /** The embedded broker's port, chosen now so that workers can be told it before the broker starts. */
    private static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new GmException("no free port for the embedded Kafka broker: " + e.getMessage(), e);
        }
    }
}
