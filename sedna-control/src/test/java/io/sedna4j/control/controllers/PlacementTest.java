package io.sedna4j.control.controllers;

import static io.sedna4j.control.testing.Fixtures.observed;
import static org.assertj.core.api.Assertions.assertThat;

import io.sedna4j.api.k8s.PodSpec;
import io.sedna4j.api.k8s.PodTemplateSpec;
import io.sedna4j.api.link.Owner;
import io.sedna4j.api.link.WorkerPhase;
import io.sedna4j.api.link.WorkerStatus;
import io.sedna4j.control.node.Node;
import io.sedna4j.control.testing.FakeNodes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlacementTest {
    private static final Node CLOUD = FakeNodes.node("cloud", true, Map.of("role", "cloud"));
    private static final Node EDGE_1 = FakeNodes.node("edge-1", true, Map.of("camera", "yes"));
    private static final Node EDGE_2 = FakeNodes.node("edge-2", true, Map.of("camera", "yes"));
    private static final Node EDGE_3 = FakeNodes.node("edge-3", false, Map.of("camera", "yes"));
    private static final List<Node> NODES = List.of(EDGE_2, CLOUD, EDGE_3, EDGE_1);

    @Test
    void aNodeNameMustNameAKnownNodeAndTheMessageListsTheKnownOnes() {
        var r = Placement.place(List.of("w"), template("edge-9", null), Placement.Side.EDGE, "spec.template",
                observed(List.of(), NODES, List.of()));

        assertThat(r.nodes()).isEmpty();
        assertThat(r.blocker().reason()).isEqualTo("NodeNotFound");
        assertThat(r.blocker().message()).contains("\"edge-9\"", "spec.template.spec.nodeName",
                "cloud, edge-1, edge-2, edge-3 (NotReady)", "sedna lc --node edge-9");
    }

    @Test
    void aNotReadyNodeKeepsItsWorkersAndTheNotesSaySo() {
        var r = Placement.place(List.of("w"), template("edge-3", null), Placement.Side.EDGE, "spec.template",
                observed(List.of(), NODES, List.of()));

        assertThat(r.nodes()).extracting(Node::name).containsExactly("edge-3");
        assertThat(r.notes()).singleElement().asString().contains("edge-3 is NotReady", "keep running");
    }

    @Test
    void aSelectorSpreadsReplicasRoundRobinOverReadyMatchingNodesInNameOrder() {
        var r = Placement.place(List.of("w-0", "w-1", "w-2"), template(null, Map.of("camera", "yes")),
                Placement.Side.EDGE, "spec.template", observed(List.of(), NODES, List.of()));

        assertThat(r.nodes()).extracting(Node::name).containsExactly("edge-1", "edge-2", "edge-1");
    }

    @Test
    void aSelectorNoReadyNodeMatchesIsUnschedulableAndNamesTheSelector() {
        var r = Placement.place(List.of("w"), template(null, Map.of("gpu", "a100")), Placement.Side.EDGE,
                "spec.template", observed(List.of(), NODES, List.of()));

        assertThat(r.blocker().reason()).isEqualTo("Unschedulable");
        assertThat(r.blocker().message()).contains("{gpu=a100}", "spec.template.spec.nodeSelector");
    }

    @Test
    void aWorkerStaysOnTheNodeItRunsOnWhileThatNodeStillMatchesEvenIfNotReady() {
        var running = new WorkerStatus("w-0", new Owner("X", "default", "x", "u", 1), "edge-3", WorkerPhase.Running,
                0, null, null, null);

        var r = Placement.place(List.of("w-0", "w-1"), template(null, Map.of("camera", "yes")),
                Placement.Side.EDGE, "spec.template", observed(List.of(running), NODES, List.of()));

        assertThat(r.nodes()).extracting(Node::name).containsExactly("edge-3", "edge-2");
    }

    @Test
    void withNeitherCloudSideWorkersGoToTheCloudNodeAndOthersToTheFirstReadyNode() {
        var o = observed(List.of(), NODES, List.of());
        assertThat(Placement.place(List.of("w"), template(null, null), Placement.Side.CLOUD, "t", o).nodes())
                .extracting(Node::name).containsExactly("cloud");
        assertThat(Placement.place(List.of("w"), template(null, null), Placement.Side.EDGE, "t", o).nodes())
                .extracting(Node::name).containsExactly("cloud");
        var noCloud = observed(List.of(), List.of(EDGE_3, EDGE_2, EDGE_1), List.of());
        assertThat(Placement.place(List.of("w"), template(null, null), Placement.Side.CLOUD, "t", noCloud).nodes())
                .extracting(Node::name).containsExactly("edge-1");
    }

    @Test
    void noReadyNodeAtAllIsUnschedulable() {
        var r = Placement.place(List.of("w"), template(null, null), Placement.Side.EDGE, "spec.template",
                observed(List.of(), List.of(EDGE_3), List.of()));

        assertThat(r.blocker().reason()).isEqualTo("Unschedulable");
        assertThat(r.blocker().message()).contains("no node is ready", "edge-3 (NotReady)");
    }

    @Test
    void aNodeTheRegistryForgotKeepsTheWorkersStillRunningThere() {
        var running = new WorkerStatus("w", new Owner("X", "default", "x", "u", 1), "edge-7", WorkerPhase.Running,
                0, null, null, null);

        var r = Placement.place(List.of("w"), template("edge-7", null), Placement.Side.EDGE, "spec.template",
                observed(List.of(running), NODES, List.of()));

        assertThat(r.blocker()).isNull();
        assertThat(r.nodes()).extracting(Node::name).containsExactly("edge-7");
        assertThat(r.notes()).singleElement().asString().contains("edge-7 is NotReady");
    }

    private static PodTemplateSpec template(String nodeName, Map<String, String> selector) {
        PodTemplateSpec t = new PodTemplateSpec();
        t.spec = new PodSpec();
        t.spec.nodeName = nodeName;
        t.spec.nodeSelector = selector;
        return t;
    }
}
