package io.sedna4j.control.controllers;

import static io.sedna4j.control.testing.Fixtures.env;
import static io.sedna4j.control.testing.Fixtures.example;
import static io.sedna4j.control.testing.Fixtures.first;
import static io.sedna4j.control.testing.Fixtures.nodes;
import static io.sedna4j.control.testing.Fixtures.observed;
import static io.sedna4j.control.testing.Fixtures.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.api.link.UpstreamMessage;
import io.sedna4j.api.link.WorkerPhase;
import io.sedna4j.api.link.WorkerSpec;
import io.sedna4j.api.link.WorkerStatus;
import io.sedna4j.api.v1alpha1.Condition;
import io.sedna4j.api.v1alpha1.JointInferenceService;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.control.engine.Plan;
import io.sedna4j.control.testing.FakeNodes;
import io.sedna4j.control.testing.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JointInferenceControllerTest {
    private final JointInferenceController controller = new JointInferenceController();
    private final List<Resource<?, ?>> example = example("joint-inference");
    private final JointInferenceService svc = first(example, JointInferenceService.class);

    @Test
    void plansTheCloudAndEdgeWorkersOnTheirNodesWithSednasEnvironment() {
        Plan plan = controller.reconcile(svc, observed(List.of(), nodes(), example));

        assertThat(plan.workers()).extracting(WorkerSpec::name, WorkerSpec::workerType, WorkerSpec::node,
                        WorkerSpec::restartPolicy, WorkerSpec::backoffLimit)
                .containsExactly(
                        tuple("pedestrian-detection-cloud", "cloud", "cloud", "Always", 6),
                        tuple("pedestrian-detection-edge", "edge", "edge-1", "Always", 6));
        WorkerSpec cloud = plan.workers().get(0);
        WorkerSpec edge = plan.workers().get(1);
        assertThat(cloud.owner().key()).isEqualTo("JointInferenceService/default/pedestrian-detection");
        assertThat(env(cloud)).containsEntry("WORKER_NAME", "pedestrian-detection-cloud")
                .containsEntry("NAMESPACE", "default").containsEntry("SERVICE_NAME", "pedestrian-detection")
                .containsEntry("MODEL_URL", "s3://models/pedestrian-cloud/model.json")
                .containsEntry("BIG_MODEL_BIND_PORT", "5000")
                .doesNotContainKeys("LC_SERVER", "NODE_NAME", "JOB_NAME");
        assertThat(env(edge)).containsEntry("MODEL_URL", "models/pedestrian-edge.onnx")
                .containsEntry("HEM_NAME", "IBT")
                .containsEntry("HEM_PARAMETERS",
                        "[{\"key\":\"threshold_img\",\"value\":\"0.9\"},{\"key\":\"threshold_box\",\"value\":\"0.9\"}]")
                .containsEntry("BIG_MODEL_IP", "cloud.example").containsEntry("BIG_MODEL_PORT", "5000")
                .containsEntry("video_url", "examples/data/reid-sample/test_video.mp4")
                .doesNotContainKeys("LC_SERVER", "NODE_NAME");
        assertThat(plan.requeueAfter()).isNull();
        // the service's own template is left as the user wrote it
        assertThat(svc.spec.edgeWorker.template.spec.containers.get(0).env).hasSize(1);
    }

    @Test
    void isPendingUntilBothWorkersRunThenRunning() {
        Plan plan = controller.reconcile(svc, observed(List.of(), nodes(), example));
        assertThat(last(svc)).satisfies(c -> {
            assertThat(c.type).isEqualTo("Pending");
            assertThat(c.reason).isEqualTo("WorkersStarting");
            assertThat(c.message).contains("pedestrian-detection-edge on edge-1");
            assertThat(c.lastTransitionTime).isEqualTo("2026-03-01T12:00:00Z");
        });
        assertThat(svc.status.startTime).isEqualTo("2026-03-01T12:00:00Z");

        controller.reconcile(svc, observed(Fixtures.all(plan.workers(), WorkerPhase.Running), nodes(), example));

        assertThat(last(svc).type).isEqualTo("Running");
        assertThat(svc.status.active).isEqualTo(2);
        assertThat(svc.status.failed).isZero();
        assertThat(svc.status.conditions).extracting(c -> c.type).containsExactly("Pending", "Running");
    }

    @Test
    void aReconcileThatLearnsNothingNewChangesNothing() {
        Plan plan = controller.reconcile(svc, observed(List.of(), nodes(), example));
        var running = observed(Fixtures.all(plan.workers(), WorkerPhase.Running), nodes(), example);
        controller.reconcile(svc, running);
        String before = ResourceCodec.toJson(svc.status);

        Plan again = controller.reconcile(svc, running);

        assertThat(ResourceCodec.toJson(svc.status)).isEqualTo(before);
        assertThat(ResourceCodec.toJson(again.workers())).isEqualTo(ResourceCodec.toJson(plan.workers()));
    }

    @Test
    void aWorkerFailedForGoodFailsTheServiceWithItsMessageAndRecoveryMakesItRunningAgain() {
        Plan plan = controller.reconcile(svc, observed(List.of(), nodes(), example));
        WorkerSpec edge = plan.workers().get(1);
        List<WorkerStatus> failed = List.of(status(plan.workers().get(0), WorkerPhase.Running, 0, null),
                status(edge, WorkerPhase.Failed, 6, "exited with code 2"));

        controller.reconcile(svc, observed(failed, nodes(), example));

        assertThat(last(svc).type).isEqualTo("Failed");
        assertThat(last(svc).reason).isEqualTo("WorkerFailed");
        assertThat(last(svc).message).contains("pedestrian-detection-edge", "edge-1", "after 6 restarts",
                "exited with code 2");
        assertThat(svc.status.failed).isEqualTo(1);
        assertThat(svc.status.active).isEqualTo(1);

        controller.reconcile(svc, observed(Fixtures.all(plan.workers(), WorkerPhase.Running), nodes(), example));

        assertThat(svc.status.conditions).extracting(c -> c.type).containsExactly("Pending", "Failed", "Running");
    }

    @Test
    void aFailureOfAnOlderGenerationDoesNotCountAfterASpecChange() {
        Plan plan = controller.reconcile(svc, observed(List.of(), nodes(), example));
        List<WorkerStatus> failed = Fixtures.all(plan.workers(), WorkerPhase.Failed);
        svc.metadata.generation = 2L;

        controller.reconcile(svc, observed(failed, nodes(), example));

        assertThat(last(svc).type).isEqualTo("Pending");
        assertThat(svc.status.failed).isZero();
    }

    @Test
    void aMissingModelPlansNoWorkersAndNamesTheModelAndNamespace() {
        List<Resource<?, ?>> noCloudModel = example.stream()
                .filter(r -> !r.metadata.name.equals("pedestrian-cloud-model")).toList();

        Plan plan = controller.reconcile(svc, observed(List.of(), nodes(), noCloudModel));

        assertThat(plan.workers()).isEmpty();
        assertThat(plan.requeueAfter()).isNotNull();
        assertThat(last(svc).type).isEqualTo("Pending");
        assertThat(last(svc).reason).isEqualTo("ModelNotFound");
        assertThat(last(svc).message).contains("\"pedestrian-cloud-model\"", "spec.cloudWorker.model.name",
                "namespace \"default\"");
    }

    @Test
    void withoutNodeNamesTheCloudWorkerGoesToTheCloudNodeAndTheEdgeWorkerToTheFirstReadyNode() {
        svc.spec.cloudWorker.template.spec.nodeName = null;
        svc.spec.edgeWorker.template.spec.nodeName = null;
        var nodes = List.of(node("cloud", false), node("b-edge", true),
                node("a-edge", false));

        Plan plan = controller.reconcile(svc, observed(List.of(), nodes, example));

        assertThat(plan.workers()).extracting(WorkerSpec::node).containsExactly("cloud", "b-edge");
        assertThat(last(svc).message).contains("node cloud is NotReady");
    }

    @Test
    void edgeNodesAreTheEdgeWorkersNode() {
        assertThat(controller.edgeNodes(svc, observed(List.of(), nodes(), example))).containsExactly("edge-1");
    }

    @Test
    void upstreamStatisticsBecomeMetrics() {
        var report = new UpstreamMessage("inference", "running", null, ResourceCodec.json().valueToTree(Map.of(
                "ownerInfo", Map.of("inferenceNumber", 120, "hardExampleNumber", 12, "uploadCloudRatio", 0.1,
                        "startTime", "2026-03-01 11:00:00"))));

        assertThat(controller.onUpstream(svc, "edge-1", report, observed(List.of(), nodes(), example))).isTrue();

        assertThat(svc.status.metrics).extracting(m -> m.key + "=" + m.value)
                .containsExactlyInAnyOrder("inferenceNumber=120", "hardExampleNumber=12", "uploadCloudRatio=0.1");
        assertThat(controller.onUpstream(svc, "edge-1", report, observed(List.of(), nodes(), example))).isFalse();
    }

    private static Condition last(JointInferenceService svc) {
        return svc.status.conditions.get(svc.status.conditions.size() - 1);
    }

    private static io.sedna4j.control.node.Node node(String name, boolean ready) {
        return FakeNodes.node(name, ready, Map.of());
    }
}
