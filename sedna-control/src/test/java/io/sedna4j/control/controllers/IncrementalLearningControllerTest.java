package io.sedna4j.control.controllers;

import static io.sedna4j.control.testing.Fixtures.env;
import static io.sedna4j.control.testing.Fixtures.example;
import static io.sedna4j.control.testing.Fixtures.first;
import static io.sedna4j.control.testing.Fixtures.nodes;
import static io.sedna4j.control.testing.Fixtures.observed;
import static io.sedna4j.control.testing.Fixtures.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.api.link.UpstreamMessage;
import io.sedna4j.api.link.WorkerPhase;
import io.sedna4j.api.link.WorkerSpec;
import io.sedna4j.api.link.WorkerStatus;
import io.sedna4j.api.v1alpha1.Dataset;
import io.sedna4j.api.v1alpha1.IncrementalLearningJob;
import io.sedna4j.api.v1alpha1.Model;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.control.engine.Observed;
import io.sedna4j.control.engine.Plan;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncrementalLearningControllerTest {
    private final IncrementalLearningController controller = new IncrementalLearningController();
    private final List<Resource<?, ?>> example = example("incremental-learning");
    private final IncrementalLearningJob job = first(example, IncrementalLearningJob.class);

    @Test
    void startsAtTrainWaitingWithTheInferenceWorkerRunningTheDeployedModel() {
        Plan plan = reconcile();

        assertThat(stages()).containsExactly("Train/Waiting");
        assertThat(plan.workers()).singleElement().satisfies(w -> {
            assertThat(w.name()).isEqualTo("classifier-upkeep-inference");
            assertThat(w.workerType()).isEqualTo("inference");
            assertThat(w.node()).isEqualTo("edge-1");
            assertThat(w.restartPolicy()).isEqualTo("Always");
            assertThat(env(w)).containsEntry("JOB_NAME", "classifier-upkeep")
                    .containsEntry("MODEL_URL", "models/deployed/model.pt").containsEntry("HEM_NAME", "Threshold")
                    .containsEntry("HEM_PARAMETERS", "[{\"key\":\"threshold\",\"value\":\"0.6\"}]")
                    .containsEntry("MODEL_HOT_UPDATE", "true").containsEntry("MODEL_POLL_PERIOD_SECONDS", "60");
        });
        assertThat(job.status.startTime).isEqualTo("2026-03-01T12:00:00Z");
    }

    @Test
    void runsARoundTrainEvalDeployAsTheLocalControllerAndTheWorkersReport() {
        reconcile();
        report("train", "ready", "{\"models\":[{\"format\":\"pt\",\"url\":\"models/initial/model.pt\"}],"
                + "\"dataURL\":\"out/data/train/1/data.txt\",\"outputDir\":\"out/train/1\"}", null);

        Plan plan = reconcile();

        assertThat(stages()).endsWith("Train/Ready", "Train/Starting");
        WorkerSpec train = worker(plan, "classifier-upkeep-train-1");
        assertThat(train.node()).isEqualTo("cloud");
        assertThat(train.restartPolicy()).isEqualTo("OnFailure");
        assertThat(env(train)).containsEntry("BASE_MODEL_URL", "models/initial/model.pt")
                .containsEntry("MODEL_URL", "out/train/1").containsEntry("TRAIN_DATASET_URL", "out/data/train/1/data.txt")
                .containsEntry("ORIGINAL_DATASET_URL", "data/incremental/index.txt")
                .containsEntry("WORKER_NAME", "classifier-upkeep-train-1");
        assertThat(controller.edgeNodes(job, observed(List.of(), nodes(), example)))
                .containsExactlyInAnyOrder("edge-1", "cloud");

        reconcile(status(train, WorkerPhase.Running, 0, null));
        assertThat(stages()).last().isEqualTo("Train/Running");

        report("train", "completed", null, "{\"models\":[{\"format\":\"pt\",\"url\":\"out/train/1/model.pt\"}]}");
        plan = reconcile(status(train, WorkerPhase.Running, 0, null));
        assertThat(stages()).endsWith("Train/Completed", "Eval/Waiting");
        assertThat(plan.workers()).extracting(WorkerSpec::name).containsExactly("classifier-upkeep-inference");

        report("eval", "ready", "{\"models\":[{\"url\":\"out/train/1/model.pt\"},{\"url\":\"models/deployed/model.pt\"}],"
                + "\"dataURL\":\"out/data/eval/1/data.txt\"}", null);
        plan = reconcile();
        WorkerSpec eval = worker(plan, "classifier-upkeep-eval-1");
        assertThat(env(eval)).containsEntry("MODEL_URLS", "out/train/1/model.pt;models/deployed/model.pt")
                .containsEntry("TEST_DATASET_URL", "out/data/eval/1/data.txt");

        reconcile(status(eval, WorkerPhase.Succeeded, 0, null));
        assertThat(stages()).endsWith("Eval/Starting", "Eval/Completed", "Deploy/Waiting");

        report("deploy", "ready", "{\"models\":[{\"url\":\"out/train/1/model.pt\"}]}", null);
        WorkerSpec inference = worker(reconcile(), "classifier-upkeep-inference");
        assertThat(stages()).last().as("hot update: the running worker loads the model").isEqualTo("Deploy/Starting");
        reconcile(status(inference, WorkerPhase.Running, 0, null));
        assertThat(stages()).last().isEqualTo("Deploy/Running");

        report("deploy", "completed", null, null);
        reconcile(status(inference, WorkerPhase.Running, 0, null));
        assertThat(stages()).endsWith("Deploy/Completed", "Train/Waiting");
        assertThat(job.status.conditions.get(job.status.conditions.size() - 2).message)
                .isEqualTo("reported by node edge-1");
    }

    @Test
    void eachUrlCarriesTheNameOfTheSecretSednaWouldUseForItNeverItsKeys() throws JsonProcessingException {
        example.stream().filter(Model.class::isInstance).map(Model.class::cast)
                .forEach(m -> m.spec.credentialName = m.metadata.name + "-creds");
        first(example, Dataset.class).spec.credentialName = "data-creds";
        job.spec.credentialName = "job-creds";

        WorkerSpec inference = reconcile().workers().get(0);
        assertThat(credentials(inference)).containsExactly(entry("MODEL_URL",
                job.spec.deploySpec.model.name + "-creds"));

        report("train", "ready", "{\"models\":[{\"url\":\"models/initial/model.pt\"}],"
                + "\"dataURL\":\"out/data/train/1/data.txt\",\"outputDir\":\"out/train/1\"}", null);
        WorkerSpec train = worker(reconcile(), "classifier-upkeep-train-1");
        // the initial model's own Secret for its URL, the job's for its output, the dataset's for the data
        assertThat(credentials(train)).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                "BASE_MODEL_URL", job.spec.initialModel.name + "-creds", "MODEL_URL", "job-creds",
                "TRAIN_DATASET_URL", "data-creds", "ORIGINAL_DATASET_URL", "data-creds"));
    }

    private static java.util.Map<String, String> credentials(WorkerSpec w) throws JsonProcessingException {
        return ResourceCodec.json().readValue(w.template().metadata.annotations.get(Workers.CREDENTIALS_ANNOTATION),
                new com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, String>>() { });
    }

    @Test
    void withoutHotUpdateADeployRestartsTheInferenceWorkerAndCompletes() {
        job.spec.deploySpec.model.hotUpdateEnabled = false;
        WorkerSpec before = worker(reconcile(), "classifier-upkeep-inference");
        walkTo("Deploy");

        report("deploy", "ready", "{\"models\":[{\"url\":\"out/train/1/model.pt\"}]}", null);
        WorkerSpec after = worker(reconcile(), "classifier-upkeep-inference");

        assertThat(stages()).endsWith("Deploy/Ready", "Deploy/Completed", "Train/Waiting");
        assertThat(before.template().metadata).isNull();
        assertThat(after.template().metadata.annotations).containsEntry("sedna.io/deploy-round", "1");
        assertThat(env(after)).doesNotContainKey("MODEL_HOT_UPDATE");
    }

    @Test
    void aStageWorkerFailedForGoodFailsTheStageAndTheNextRoundStartsOver() {
        reconcile();
        report("train", "ready", "{\"outputDir\":\"out/train/1\"}", null);
        WorkerSpec train = worker(reconcile(), "classifier-upkeep-train-1");

        reconcile(status(train, WorkerPhase.Failed, 6, "exited with code 1"));

        assertThat(stages()).endsWith("Train/Starting", "Train/Failed", "Train/Waiting");
        var failed = job.status.conditions.get(job.status.conditions.size() - 2);
        assertThat(failed.reason).isEqualTo("WorkerFailed");
        assertThat(failed.message).contains("classifier-upkeep-train-1", "cloud", "exited with code 1");

        report("train", "ready", "{\"outputDir\":\"out/train/2\"}", null);
        assertThat(worker(reconcile(), "classifier-upkeep-train-2").name()).endsWith("-2");
    }

    @Test
    void aMissingModelPausesTheJobAndItResumesWhenTheModelExists() {
        var noDeployModel = example.stream().filter(r -> !r.metadata.name.equals("deployed-model")).toList();

        Plan plan = controller.reconcile(job, observed(List.of(), nodes(), noDeployModel));

        assertThat(plan.workers()).isEmpty();
        assertThat(plan.requeueAfter()).isNotNull();
        var paused = job.status.conditions.get(job.status.conditions.size() - 1);
        assertThat(paused.stage + "/" + paused.type).isEqualTo("Train/Waiting");
        assertThat(paused.reason).isEqualTo("ModelNotFound");
        assertThat(paused.message).contains("\"deployed-model\"", "spec.deploySpec.model.name");

        plan = reconcile();

        assertThat(plan.workers()).hasSize(1);
        assertThat(job.status.conditions).extracting(c -> c.stage + "/" + c.type + "/" + c.reason)
                .containsExactly("Train/Waiting/null", "Train/Waiting/ModelNotFound", "Train/Waiting/Resumed");
    }

    @Test
    void sendsTheModelsItUsesAlongToItsNodes() {
        assertThat(controller.edgeReferences(job, observed(List.of(), nodes(), example)))
                .extracting(r -> r.metadata.name).containsExactly("initial-model", "deployed-model");
    }

    @Test
    void reportsOfOtherKindsAreNotConditions() {
        reconcile();
        assertThat(controller.onUpstream(job, "edge-1", new UpstreamMessage("inference", "running", null, null),
                observed(List.of(), nodes(), example))).isFalse();
        assertThat(stages()).containsExactly("Train/Waiting");
    }

    /** Moves a fresh job to {@code <stage>/Waiting} through reports and successful workers. */
    private void walkTo(String stage) {
        for (String s : List.of("train", "eval")) {
            if (stages().get(stages().size() - 1).startsWith(stage)) {
                return;
            }
            report(s, "ready", "{\"outputDir\":\"out/" + s + "/1\"}", null);
            WorkerSpec w = worker(reconcile(), "classifier-upkeep-" + s + "-1");
            reconcile(status(w, WorkerPhase.Succeeded, 0, null));
        }
    }

    private Plan reconcile(WorkerStatus... workers) {
        return controller.reconcile(job, observed(List.of(workers), nodes(), example));
    }

    private void report(String phase, String status, String input, String output) {
        Observed o = observed(List.of(), nodes(), example);
        assertThat(controller.onUpstream(job, phase.equals("deploy") ? "edge-1" : "cloud",
                new UpstreamMessage(phase, status, json(input), json(output)), o)).isTrue();
    }

    private List<String> stages() {
        return job.status.conditions.stream().map(c -> c.stage + "/" + c.type).toList();
    }

    private static WorkerSpec worker(Plan plan, String name) {
        return plan.workers().stream().filter(w -> w.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no worker " + name + " in " + plan.workers()));
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return text == null ? null : ResourceCodec.json().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
