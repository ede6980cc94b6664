package io.sedna4j.lib.federated;

import io.sedna4j.lib.estimator.NamedTensors;
import java.util.Map;

/**
 * One client's contribution to a round, Sedna's {@code AggClient}: its trained weights and how many samples they
 * were trained on (FedAvg's weight), plus the metrics it reported.
 */
public record ClientUpdate(String client, int round, long samples, NamedTensors weights, Map<String, Double> metrics) {
    public ClientUpdate {
        metrics = Map.copyOf(metrics);
    }
}
