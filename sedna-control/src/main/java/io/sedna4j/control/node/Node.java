package io.sedna4j.control.node;

import java.time.Instant;
import java.util.Map;

/**
 * A node as the control plane sees it: its name and labels (for {@code nodeName} and {@code nodeSelector}), whether
 * its Local Controller is heard from, and its capacity and load. {@code address} is where workers on other nodes
 * reach this node's workers (e.g. a cloud worker's inference service).
 */
public record Node(String name, Map<String, String> labels, String address, boolean ready, int cpuCores, long memoryBytes,
                   double cpuLoad, long memoryUsed, Instant lastHeartbeat) {

    /** Whether every label of {@code selector} is on this node. */
    public boolean matches(Map<String, String> selector) {
        return selector == null || selector.entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
