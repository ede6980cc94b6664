package io.sedna4j.gm;

import io.sedna4j.control.controllers.Controllers;
import io.sedna4j.control.controllers.Streaming;
import io.sedna4j.control.edge.EdgeChannel;
import io.sedna4j.control.engine.EngineMetrics;
import io.sedna4j.control.engine.EngineOptions;
import io.sedna4j.control.engine.ReconcileEngine;
import io.sedna4j.control.node.NodeRegistry;
import io.sedna4j.control.store.ResourceStore;
import io.sedna4j.control.worker.WorkerPlatform;
import io.sedna4j.gm.metrics.GmMetrics;
import java.time.Duration;

/** The reconcile engine with Sedna's controllers, wired to the GM's store, platform, nodes and link. */
final class Engine implements AutoCloseable {
    private final ReconcileEngine engine;

    private Engine(ReconcileEngine engine) {
        this.engine = engine;
    }

    static Engine start(ResourceStore store, WorkerPlatform platform, NodeRegistry nodes, EdgeChannel edge,
                        Duration resync, Streaming streaming, GmMetrics metrics) {
        EngineOptions d = EngineOptions.defaults();
        ReconcileEngine engine = new ReconcileEngine(store, platform, nodes, edge, Controllers.standard(streaming),
                new EngineOptions(resync, d.minBackoff(), d.maxBackoff(), d.threads(), d.clock()));
        metrics.bindEngine(() -> engine.metrics().reconciles(), () -> engine.metrics().errors(),
                () -> engine.metrics().queueDepth());
        engine.start();
        return new Engine(engine);
    }

    EngineMetrics metrics() {
        return engine.metrics();
    }

    @Override
    public void close() {
        engine.close();
    }
}
