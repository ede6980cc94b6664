package io.sedna4j.control.controllers;

import io.sedna4j.api.k8s.PodSpec;
import io.sedna4j.api.k8s.PodTemplateSpec;
import io.sedna4j.api.link.WorkerStatus;
import io.sedna4j.control.engine.Observed;
import io.sedna4j.control.node.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Chooses the node of each worker, deterministically, from its template:
 * <ul>
 * <li>{@code nodeName}: that node, which must be known (ready or not);</li>
 * <li>{@code nodeSelector}: ready nodes with those labels, replicas spread round-robin in name order;</li>
 * <li>neither: the node named {@code cloud} for cloud-side workers if there is one, else the first ready node.</li>
 * </ul>
 * A worker already running on a node that still qualifies stays there, ready or not: edge autonomy means a node
 * that lost its link keeps running its workers, and a new node must not make running workers move.
 */
public final class Placement {
    public static final String CLOUD_NODE = "cloud";

    /** Where a worker belongs when its template does not say: with the cloud's big models, or anywhere. */
    public enum Side { CLOUD, EDGE }

    /**
     * The node of each worker (in the order of the names given), or a blocker; and remarks about chosen nodes that
     * are not ready, for the status message.
     */
    public record Result(List<Node> nodes, Blocker blocker, List<String> notes) {
    }

    private Placement() {
    }

    /**
     * @param names    the workers made from {@code template}: one, or one per replica
     * @param field    where the template is in the spec, for messages (e.g. {@code spec.edgeWorker.template})
     */
    public static Result place(List<String> names, PodTemplateSpec template, Side side, String field, Observed observed) {
        PodSpec spec = template == null || template.spec == null ? new PodSpec() : template.spec;
        Map<String, String> selector = spec.nodeSelector == null || spec.nodeSelector.isEmpty() ? null
                : spec.nodeSelector;
        List<Node> chosen = new ArrayList<>();
        if (spec.nodeName != null && !spec.nodeName.isEmpty()) {
            Node node = known(spec.nodeName, names, observed);
            if (node == null) {
                return blocked(Blocker.NODE_NOT_FOUND, "node \"" + spec.nodeName + "\" (" + field
                        + ".spec.nodeName) is not known; known nodes: " + describe(observed.nodes())
                        + "; fix: start a Local Controller for it (sedna lc --node " + spec.nodeName
                        + ") or set nodeName to a known node");
            }
            names.forEach(n -> chosen.add(node));
            return result(chosen);
        }
        List<Node> candidates = observed.nodes().stream().filter(Node::ready).filter(n -> n.matches(selector))
                .sorted(Comparator.comparing(Node::name)).toList();
        Optional<Node> cloud = side == Side.CLOUD && selector == null ? observed.node(CLOUD_NODE) : Optional.empty();
        for (int i = 0; i < names.size(); i++) {
            Node current = runningOn(names.get(i), observed);
            if (cloud.isPresent()) {
                chosen.add(cloud.get());
            } else if (current != null && current.matches(selector)) {
                chosen.add(current);
            } else if (candidates.isEmpty()) {
                return blocked(Blocker.UNSCHEDULABLE, selector == null
                        ? "no node is ready for " + field + "; nodes: " + describe(observed.nodes())
                        + "; fix: start a Local Controller (sedna lc --node NAME) or set nodeName"
                        : "no ready node has the labels " + new TreeMap<>(selector) + " (" + field
                        + ".spec.nodeSelector); nodes: " + describe(observed.nodes())
                        + "; fix: label a node (sedna lc --labels k=v) or change the selector");
            } else {
                chosen.add(selector == null ? candidates.get(0) : candidates.get(i % candidates.size()));
            }
        }
        return result(chosen);
    }

    /** The named node if registered; else, if one of these workers still runs there, a stand-in for it. */
    private static Node known(String name, List<String> workers, Observed observed) {
        Optional<Node> node = observed.node(name);
        if (node.isPresent()) {
            return node.get();
        }
        boolean running = observed.workers().stream()
                .anyMatch(w -> workers.contains(w.name()) && name.equals(w.node()) && w.phase() != null
                        && !w.phase().isFinal());
        // The registry forgot it (e.g. right after a Global Manager restart) but its workers run: keep them.
        return running ? new Node(name, Map.of(), name, false, 0, 0, 0, 0, null) : null;
    }

    private static Node runningOn(String worker, Observed observed) {
        for (WorkerStatus w : observed.workers()) {
            if (worker.equals(w.name()) && w.node() != null) {
                return observed.node(w.node()).orElse(null);
            }
        }
        return null;
    }

    private static Result result(List<Node> chosen) {
        List<String> notes = chosen.stream().filter(n -> !n.ready()).distinct().map(Placement::notReady).toList();
        return new Result(List.copyOf(chosen), null, notes.stream().distinct().toList());
    }

    private static String notReady(Node n) {
        return "node " + n.name() + " is NotReady" + (n.lastHeartbeat() == null ? ""
                : " (last heartbeat " + Conditions.time(n.lastHeartbeat()) + ")")
                + ": its workers keep running and report when it is back";
    }

    private static Result blocked(String reason, String message) {
        return new Result(List.of(), new Blocker(reason, message), List.of());
    }

    /** {@code cloud, edge-1 (NotReady)}, or {@code none} */
    static String describe(List<Node> nodes) {
        if (nodes.isEmpty()) {
            return "none";
        }
        return nodes.stream().sorted(Comparator.comparing(Node::name))
                .map(n -> n.name() + (n.ready() ? "" : " (NotReady)")).collect(Collectors.joining(", "));
    }
}
