package io.sedna4j.control.controllers;

import static io.sedna4j.control.testing.Fixtures.env;
import static io.sedna4j.control.testing.Fixtures.example;
import static io.sedna4j.control.testing.Fixtures.first;
import static io.sedna4j.control.testing.Fixtures.nodes;
import static io.sedna4j.control.testing.Fixtures.observed;
import static io.sedna4j.control.testing.Fixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.api.link.UpstreamMessage;
import io.sedna4j.api.link.WorkerPhase;
import io.sedna4j.api.link.WorkerSpec;
import io.sedna4j.api.v1alpha1.LifelongLearningJob;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.control.engine.Plan;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifelongLearningControllerTest {
    private final LifelongLearningController controller = new LifelongLearningController();
    private final List<Resource<?, ?>> example = example("lifelong-learning");
    private final LifelongLearningJob job = first(example, LifelongLearningJob.class);

    @Test
    void hasNoInferenceWorkerUntilTheFirstDeploy() {
        Plan plan = reconcile();

        assertThat(plan.workers()).isEmpty();
        assertThat(job.status.conditions).extracting(c -> c.stage + "/" + c.type).containsExactly("Train/Waiting");
        assertThat(controller.edgeNodes(job, observed(List.of(), nodes(), example))).containsExactly("edge-1");
    }

    @Test
    void trainsWithTheKnowledgeBaseOfTheLastRoundAndDeploysTheIndex() {
        reconcile();
        report("train", "ready", "{\"dataURL\":\"out/data/train/1/data.csv\",\"outputDir\":\"out/train/1\"}", null);
        WorkerSpec train = reconcile().workers().get(0);
        assertThat(train.name()).isEqualTo("letter-recognition-train-1");
        assertThat(env(train)).containsEntry("HAS_COMPLETED_INITIAL_TRAINING", "false")
                .containsEntry("OUTPUT_URL", "out/train/1").containsEntry("TRAIN_DATASET_URL", "out/data/train/1/data.csv")
                .containsEntry("ORIGINAL_DATASET_URL", "data/lifelong/readings.csv").doesNotContainKey("CLOUD_KB_INDEX");

        report("train", "completed", null, "{\"models\":[{\"format\":\"pkl\",\"url\":\"out/train/1/index.pkl\","
                + "\"classes\":[\"A\",\"B\"],\"current_metric\":{\"task-0\":{\"accuracy\":0.91}},"
                + "\"number_of_labeled_unseen_sample\":3}]}");
        assertThat(job.status.knowledgeBase.aiClasses.listOfAiClasses).containsExactly("A", "B");
        assertThat(job.status.knowledgeBase.aiModels.listOfAiModels).singleElement()
                .satisfies(m -> {
                    assertThat(m.modelId).isEqualTo("task-0");
                    assertThat(m.averagePrecision).isEqualByComparingTo(new BigDecimal("0.91"));
                });
        assertThat(job.status.knowledgeBase.samples.numberOfLabeledUnseenSample).isEqualTo(3);
        reconcile(status(train, WorkerPhase.Succeeded, 0, null));
        report("eval", "ready", "{\"models\":[{\"url\":\"out/train/1/index.pkl\"}]}", null);
        WorkerSpec eval = reconcile().workers().get(0);
        reconcile(status(eval, WorkerPhase.Succeeded, 0, null));
        report("deploy", "ready", "{\"models\":[{\"url\":\"out/deploy/index.pkl\"}]}", null);

        Plan plan = reconcile();

        assertThat(job.status.conditions).extracting(c -> c.stage + "/" + c.type)
                .endsWith("Deploy/Ready", "Deploy/Completed", "Train/Waiting");
        WorkerSpec inference = plan.workers().get(0);
        assertThat(inference.name()).isEqualTo("letter-recognition-inference");
        assertThat(inference.node()).isEqualTo("edge-1");
        assertThat(env(inference)).containsEntry("MODEL_URLS", "data/lifelong/output/deploy/index.pkl")
                .containsEntry("OUTPUT_URL", "data/lifelong/output");

        report("train", "ready", "{\"outputDir\":\"out/train/2\"}", null);
        WorkerSpec second = reconcile().workers().stream().filter(w -> w.workerType().equals("train")).findFirst()
                .orElseThrow();
        assertThat(second.name()).isEqualTo("letter-recognition-train-2");
        assertThat(env(second)).containsEntry("HAS_COMPLETED_INITIAL_TRAINING", "true")
                .containsEntry("CLOUD_KB_INDEX", "out/train/1/index.pkl");
    }

    private Plan reconcile(io.sedna4j.api.link.WorkerStatus... workers) {
        return controller.reconcile(job, observed(List.of(workers), nodes(), example));
    }

    private void report(String phase, String status, String input, String output) {
        assertThat(controller.onUpstream(job, "cloud", new UpstreamMessage(phase, status, json(input), json(output)),
                observed(List.of(), nodes(), example))).isTrue();
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return text == null ? null : ResourceCodec.json().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
