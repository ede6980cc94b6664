package io.sedna4j.lc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.api.link.Frame;
import io.sedna4j.api.link.Operation;
import io.sedna4j.api.link.UpstreamMessage;
import io.sedna4j.api.link.WorkerInfo;
import io.sedna4j.api.link.WorkerSpec;
import io.sedna4j.api.link.WorkerStatus;
import io.sedna4j.lc.api.WorkerApi;
import io.sedna4j.lc.dataset.DatasetManager;
import io.sedna4j.lc.link.GmLink;
import io.sedna4j.lc.link.NodeProbe;
import io.sedna4j.lc.link.Outbox;
import io.sedna4j.lc.resource.ResourceManager;
import io.sedna4j.lc.store.LcDatabase;
import io.sedna4j.lc.worker.WorkerLauncher;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's Local Controller: the link to the GM, the worker API, the worker launcher and the managers, around one
 * SQLite file in the node directory. {@link #start} returns once the worker API listens and the workers recorded by a
 * previous run are started again; the GM link connects in the background and keeps reconnecting.
 */
public final class LocalController implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalController.class);

    private final LcConfig config;
    private final Deque<AutoCloseable> parts = new ArrayDeque<>(); // closed in reverse order of opening
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook = new Thread(this::close, "lc-shutdown");
    private Outbox outbox;
    private WorkerApi api;
    private GmLink link;

    private LocalController(LcConfig config) {
        this.config = config;
    }

    public static LocalController start(LcConfig config) {
        return start(config, LcTimings.defaults());
    }

    /** As {@link #start(LcConfig)}, with other reconnect, restart, stop and dataset intervals (tests use short ones). */
    public static LocalController start(LcConfig config, LcTimings timings) {
        LocalController lc = new LocalController(config);
        try {
            lc.open(timings);
        } catch (RuntimeException e) {
            lc.close();
            throw e;
        }
        return lc;
    }

    private void open(LcTimings timings) {
        lock();
        LcDatabase db = LcDatabase.open(config.nodeDir().resolve("lc.db"));
        parts.push(db);
        outbox = new Outbox(db);
        api = WorkerApi.start(config.host(), config.workerApiPort(), this::relay);
        parts.push(api);
        WorkerLauncher launcher = config.launchWorkers()
                ? new WorkerLauncher(config, timings, db, api.port(), this::reportPhase) : null;
        if (launcher != null) {
            parts.push(launcher);
        }
        DatasetManager datasets = new DatasetManager(config.node(), timings.datasetInterval(), outbox::append);
        parts.push(datasets);
        ResourceManager resources = new ResourceManager(db);
        resources.register("dataset", datasets);
        NodeProbe probe = new NodeProbe(config);
        Map<String, Consumer<Frame>> handlers = Map.of(
                Operation.INSERT, resources::insert,
                Operation.DELETE, resources::delete,
                Operation.WORKER_RUN, f -> launch(launcher, f, true),
                Operation.WORKER_STOP, f -> launch(launcher, f, false));
        link = new GmLink(config, timings, db, outbox, handlers,
                full -> probe.report(full ? launcher == null ? java.util.List.of() : launcher.statuses() : null));
        if (launcher != null) {
            launcher.recover();
        }
        resources.reload();
        link.start();
        parts.push(link);
        Runtime.getRuntime().addShutdownHook(shutdownHook); // a killed LC process still stops its workers
        log.info("Local Controller of node {}: worker API http://{}:{}, GM {}, data in {}{}", config.node(),
                config.host(), api.port(), link.url(), config.nodeDir().toAbsolutePath(),
                launcher == null ? ", workers run by the kubelet" : "");
    }

    /** One LC per node directory: two would share a database and fight over the same workers. */
    private void lock() {
        try {
            Files.createDirectories(config.nodeDir());
            FileChannel channel = FileChannel.open(config.nodeDir().resolve("lc.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new LcException("another Local Controller runs for node " + config.node() + " in "
                        + config.nodeDir().toAbsolutePath() + "; fix: stop it, or give this one another data directory");
            }
            parts.push(channel); // closing the channel releases the lock
        } catch (IOException e) {
            throw new LcException("cannot use the node directory " + config.nodeDir().toAbsolutePath() + ": "
                    + e.getMessage() + "; fix: check that it is a writable directory", e);
        }
    }

    /** Runs or stops a worker the GM sent; without a launcher (on Kubernetes) the frame is a GM misconfigured. */
    private void launch(WorkerLauncher launcher, Frame f, boolean run) {
        WorkerSpec spec = f.content(WorkerSpec.class);
        if (launcher == null) {
            log.warn("the GM asked node {} to {} worker {}, but this Local Controller runs without a launcher "
                    + "(Kubernetes: the kubelet runs workers as Pods); fix: run the GM with --kubernetes too",
                    config.node(), run ? "run" : "stop", spec.name());
        } else if (run) {
            launcher.run(spec);
        } else {
            launcher.stop(spec);
        }
    }

    public LcConfig config() {
        return config;
    }

    /** The port workers post to (the one asked for, or the free one picked for port 0). */
    public int workerApiPort() {
        return api.port();
    }

    /** Whether the GM link is up right now. */
    public boolean connected() {
        return link != null && link.connected();
    }

    /** Reports waiting for the GM's acknowledgement. */
    public long pendingReports() {
        return outbox.pending();
    }

    /** A worker's report, relayed as Sedna's upstream message for the resource that owns the worker. */
    private void relay(WorkerInfo info) {
        ObjectNode output = ResourceCodec.json().createObjectNode();
        if (info.ownerInfo() != null) {
            output.set("ownerInfo", info.ownerInfo());
        }
        if (info.results() != null) {
            output.set("models", info.results());
        }
        String namespace = info.namespace() == null || info.namespace().isEmpty() ? "default" : info.namespace();
        outbox.append(new Frame.Header(namespace, info.ownerKind().toLowerCase(Locale.ROOT), info.ownerName(),
                Operation.STATUS), new UpstreamMessage(info.kind(), info.status(), null, output));
    }

    private void reportPhase(WorkerStatus s) {
        String namespace = s.owner() == null || s.owner().namespace() == null ? "default" : s.owner().namespace();
        outbox.append(new Frame.Header(namespace, "worker", s.name(), Operation.WORKER_PHASE), s);
    }

    /** Disconnects from the GM and stops every worker (their specs stay recorded for the next start). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // shutting down already, or never registered
            }
        }
        while (!parts.isEmpty()) {
            AutoCloseable part = parts.pop();
            try {
                part.close();
            } catch (Exception e) {
                log.warn("closing the Local Controller of node {}: {}", config.node(), e.getMessage());
            }
        }
        log.info("Local Controller of node {} stopped", config.node());
    }
}
