package io.sedna4j.gm.rest;

import io.javalin.config.RoutesConfig;
import io.sedna4j.gm.node.Nodes;
import io.sedna4j.gm.store.SqliteResourceStore;
import io.sedna4j.gm.worker.StandaloneWorkerPlatform;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** The GM's Kubernetes-style REST API (docs/protocol.md), assembled from one class per concern. */
public final class RestApi {
    private final SqliteResourceStore store;
    private final Nodes nodes;
    private final StandaloneWorkerPlatform workers;
    private final Path dataDir;
    private final String token;
    private final Supplier<String> serverAddress;
    private final BooleanSupplier stopping;

    /**
     * @param token         required from clients, or null when the GM listens on loopback only
     * @param serverAddress host:port clients reach the GM at (for discovery)
     * @param stopping      true once the GM closes, so that watches and log streams end
     */
    public RestApi(SqliteResourceStore store, Nodes nodes, StandaloneWorkerPlatform workers, Path dataDir, String token,
                   Supplier<String> serverAddress, BooleanSupplier stopping) {
        this.store = store;
        this.nodes = nodes;
        this.workers = workers;
        this.dataDir = dataDir;
        this.token = token;
        this.serverAddress = serverAddress;
        this.stopping = stopping;
    }

    public void install(RoutesConfig routes) {
        Errors.install(routes);
        if (token != null) {
            new Auth(token).install(routes);
        }
        new Discovery(serverAddress).install(routes);
        OpenApi.install(routes);
        new ResourceRoutes(store, stopping).install(routes);
        new NodeRoutes(nodes, workers, new WorkerLogs(dataDir, stopping)).install(routes);
    }
}
