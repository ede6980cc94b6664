package io.sedna4j.gm;

import io.sedna4j.control.controllers.Streaming;
import io.sedna4j.control.node.NodeRegistry;
import io.sedna4j.control.store.ResourceStore;
import io.sedna4j.control.worker.WorkerPlatform;
import java.util.Objects;

/**
 * What a GM on a cluster uses in place of its own database and launcher (sedna-k8s provides them): the resources,
 * the workers, the nodes, the Kafka broker multi-edge workers use, and an election so that of several GM replicas
 * only one reconciles. The GM keeps its link hub for the Local Controllers.
 *
 * @param streaming the cluster's Kafka broker, or {@link Streaming#NONE} to leave the manifests' own variables
 */
public record ClusterAdapters(ResourceStore store, WorkerPlatform workers, NodeRegistry nodes, Streaming streaming,
                              Election election) {

    /** Campaigns for leadership until closed; calls back when this GM starts and stops leading. */
    @FunctionalInterface
    public interface Election {
        AutoCloseable run(Runnable onStartLeading, Runnable onStopLeading);
    }

    public ClusterAdapters {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(workers, "workers");
        Objects.requireNonNull(nodes, "nodes");
        Objects.requireNonNull(election, "election");
        streaming = streaming == null ? Streaming.NONE : streaming;
    }
}
