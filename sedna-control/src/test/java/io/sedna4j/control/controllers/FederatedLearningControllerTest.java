package io.sedna4j.control.controllers;

import static io.sedna4j.control.testing.Fixtures.all;
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
import io.sedna4j.api.v1alpha1.FederatedLearningJob;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.control.engine.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FederatedLearningControllerTest {
    private final FederatedLearningController controller = new FederatedLearningController();
    private final List<Resource<?, ?>> example = example("federated-learning");
    private final FederatedLearningJob job = first(example, FederatedLearningJob.class);

    @Test
    void plansAnAggregatorAndOneTrainerPerTrainingWorkerThatReachIt() {
        Plan plan = controller.reconcile(job, observed(List.of(), nodes(), example));

        assertThat(plan.workers()).extracting(WorkerSpec::name, WorkerSpec::node, WorkerSpec::restartPolicy)
                .containsExactly(tuple("image-classification-aggregation", "cloud", "OnFailure"),
                        tuple("image-classification-train-0", "edge-1", "OnFailure"),
                        tuple("image-classification-train-1", "edge-2", "OnFailure"));
        assertThat(env(plan.workers().get(0))).containsEntry("JOB_NAME", "image-classification")
                .containsEntry("MODEL_URL", "models/classifier/").containsEntry("AGG_BIND_PORT", "7363")
                .containsEntry("PARTICIPANTS_COUNT", "2").containsEntry("TRANSMITTER", "ws")
                .containsEntry("aggregation_algorithm", "FedAvg").doesNotContainKey("SERVICE_NAME");
        assertThat(env(plan.workers().get(2))).containsEntry("WORKER_NAME", "image-classification-train-1")
                .containsEntry("AGG_IP", "cloud.example").containsEntry("AGG_PORT", "7363")
                .containsEntry("DATASET_NAME", "edge-2-images").containsEntry("MODEL_NAME", "classifier")
                .containsEntry("TRAIN_DATASET_URL", "data/fashion-mnist/edge-2/index.txt")
                .containsEntry("PARTICIPANTS_COUNT", "2");
        assertThat(job.status.phase).isEqualTo("Pending");
        assertThat(controller.edgeNodes(job, observed(List.of(), nodes(), example)))
                .containsExactlyInAnyOrder("edge-1", "edge-2");
    }

    @Test
    void runsTrainsAndCompletesWhenEveryWorkerSucceeded() {
        Plan plan = controller.reconcile(job, observed(List.of(), nodes(), example));
        controller.reconcile(job, observed(all(plan.workers(), WorkerPhase.Running), nodes(), example));
        assertThat(job.status.phase).isEqualTo("Running");
        assertThat(job.status.active).isEqualTo(3);

        var round = new UpstreamMessage("train", "running", null, ResourceCodec.json().valueToTree(
                Map.of("ownerInfo", Map.of("currentRound", 3, "updateTime", "2026-03-01 12:01:00"))));
        assertThat(controller.onUpstream(job, "edge-1", round, observed(List.of(), nodes(), example))).isTrue();
        assertThat(controller.onUpstream(job, "edge-2", round, observed(List.of(), nodes(), example)))
                .as("one condition per round, whoever reports it").isFalse();
        var last = job.status.conditions.get(job.status.conditions.size() - 1);
        assertThat(last.type).isEqualTo("Training");
        assertThat(last.reason).isEqualTo("DoTraining");
        assertThat(last.message).isEqualTo("Round 3 reaches at 2026-03-01 12:01:00");
        controller.reconcile(job, observed(all(plan.workers(), WorkerPhase.Running), nodes(), example));
        assertThat(job.status.conditions.get(job.status.conditions.size() - 1).message)
                .as("a reconcile keeps the round's condition").startsWith("Round 3");

        controller.reconcile(job, observed(all(plan.workers(), WorkerPhase.Succeeded), nodes(), example));

        assertThat(job.status.phase).isEqualTo("Succeeded");
        assertThat(job.status.succeeded).isEqualTo(3);
        assertThat(job.status.completionTime).isEqualTo("2026-03-01T12:00:00Z");
        assertThat(job.status.conditions.get(job.status.conditions.size() - 1).type).isEqualTo("Complete");
    }

    @Test
    void aTrainerThatFailedForGoodFailsTheJobAndAReplacementRunningBringsItBack() {
        Plan plan = controller.reconcile(job, observed(List.of(), nodes(), example));
        var statuses = new ArrayList<>(all(plan.workers(), WorkerPhase.Running));
        statuses.set(1, status(plan.workers().get(1), WorkerPhase.Failed, 6, "OutOfMemoryError"));

        controller.reconcile(job, observed(statuses, nodes(), example));

        assertThat(job.status.phase).isEqualTo("Failed");
        var last = job.status.conditions.get(job.status.conditions.size() - 1);
        assertThat(last.type).isEqualTo("Failed");
        assertThat(last.message).contains("image-classification-train-0", "edge-1", "OutOfMemoryError");

        controller.reconcile(job, observed(all(plan.workers(), WorkerPhase.Running), nodes(), example));

        assertThat(job.status.phase).isEqualTo("Running");
    }

    @Test
    void aMissingDatasetIsNamedWithItsField() {
        var noDataset = example.stream().filter(r -> !r.metadata.name.equals("edge-2-images")).toList();

        Plan plan = controller.reconcile(job, observed(List.of(), nodes(), noDataset));

        assertThat(plan.workers()).isEmpty();
        var last = job.status.conditions.get(0);
        assertThat(last.type).isEqualTo("Pending");
        assertThat(last.reason).isEqualTo("DatasetNotFound");
        assertThat(last.message).contains("\"edge-2-images\"", "spec.trainingWorkers[1].dataset.name");
    }

    @Test
    void theAggregatorsReportSetsRoundClientsSamplesAndLatestMetricsAndWorkersShareTheJobsToken() {
        job.metadata.uid = "3f1c-uid";
        Plan plan = controller.reconcile(job, observed(List.of(), nodes(), example));
        assertThat(env(plan.workers().get(0))).containsEntry("AGG_TOKEN", "3f1c-uid");
        assertThat(env(plan.workers().get(1))).containsEntry("AGG_TOKEN", "3f1c-uid");

        var report = new UpstreamMessage("aggregation", "running", null, ResourceCodec.json().valueToTree(
                Map.of("ownerInfo", Map.of("currentRound", 4, "exitRound", 10, "sampleCount", 40000,
                        "participants", List.of("image-classification-train-0", "image-classification-train-1"),
                        "metrics", Map.of("test_accuracy", 0.8712)))));
        assertThat(controller.onUpstream(job, "cloud", report, observed(List.of(), nodes(), example))).isTrue();

        assertThat(job.status.currentRound).isEqualTo(4);
        assertThat(job.status.exitRound).isEqualTo(10);
        assertThat(job.status.sampleCount).isEqualTo(40000L);
        assertThat(job.status.participants).containsExactly("image-classification-train-0",
                "image-classification-train-1");
        assertThat(job.status.metrics).singleElement().satisfies(m -> {
            assertThat(m.key).isEqualTo("test_accuracy");
            assertThat(m.value).isEqualTo("0.8712");
        });
        assertThat(job.status.conditions.get(job.status.conditions.size() - 1).message).startsWith("Round 4 ");
        var json = ResourceCodec.json().valueToTree(job).path("status");
        assertThat(json.path("currentRound").asInt()).isEqualTo(4);
        assertThat(json.path("participants")).hasSize(2);
    }
}
