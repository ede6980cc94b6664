package io.sedna4j.control.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import io.sedna4j.api.k8s.PodTemplateSpec;
import io.sedna4j.api.link.UpstreamMessage;
import io.sedna4j.api.v1alpha1.Condition;
import io.sedna4j.api.v1alpha1.Dataset;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.LifelongLearningJob;
import io.sedna4j.control.engine.Controller;
import io.sedna4j.control.engine.Observed;
import io.sedna4j.control.engine.Plan;
import io.sedna4j.control.engine.Resources;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lifelong learning: train and eval workers per round as for incremental learning ({@link LearningJobs}); the
 * inference worker starts at the first deploy and reads the knowledge base index {@code <outputDir>/deploy/index.pkl}.
 * Reports of trained models fill {@code status.knowledgeBase}.
 */
public final class LifelongLearningController implements Controller<LifelongLearningJob> {

    @Override
    public Kind kind() {
        return Kind.LIFELONG_LEARNING_JOB;
    }

    @Override
    public boolean edgeNeedsStatus() {
        return true; // the Local Controller reads the current stage from the conditions
    }

    @Override
    public Plan reconcile(LifelongLearningJob job, Observed observed) {
        LifelongLearningJob.Status status = status(job);
        Planner p = new Planner(job, observed);
        Dataset dataset = p.dataset(job.spec.dataset.name, "spec.dataset.name");
        return LearningJobs.reconcile(job, status, p, observed, new Stages(job, status, dataset));
    }

    /** The Dataset's node (its Local Controller counts samples and triggers rounds) and the workers' nodes. */
    @Override
    public Set<String> edgeNodes(LifelongLearningJob job, Observed observed) {
        Plan plan = reconcile(Resources.copy(job), observed);
        Dataset ds = (Dataset) observed.references().get(Kind.DATASET, job.metadata.namespaceOrDefault(),
                job.spec.dataset.name).orElse(null);
        return LearningJobs.nodes(plan.workers(), ds == null ? null : ds.spec.nodeName);
    }

    @Override
    public boolean onUpstream(LifelongLearningJob job, String node, UpstreamMessage message, Observed observed) {
        LifelongLearningJob.Status status = status(job);
        boolean kb = knowledgeBase(status, Reports.models(message));
        return LearningJobs.report(status, node, message, observed.now()) || kb;
    }

    private static LifelongLearningJob.Status status(LifelongLearningJob job) {
        if (job.status == null) {
            job.status = new LifelongLearningJob.Status();
        }
        return job.status;
    }

    /**
     * Reads what trained models report about the knowledge base: {@code classes}, {@code current_metric} (model id →
     * {metric: value}; the first value is the average precision), and the unseen sample counts.
     */
    static boolean knowledgeBase(LifelongLearningJob.Status status, JsonNode models) {
        if (!models.isArray() || models.isEmpty()) {
            return false;
        }
        LifelongLearningJob.KnowledgeBase before = Resources.copy(status.knowledgeBase);
        LifelongLearningJob.KnowledgeBase kb = status.knowledgeBase == null ? new LifelongLearningJob.KnowledgeBase()
                : status.knowledgeBase;
        Set<String> classes = new LinkedHashSet<>();
        List<LifelongLearningJob.AiModel> aiModels = new ArrayList<>();
        for (JsonNode m : models) {
            m.path("classes").forEach(c -> classes.add(c.asText()));
            for (Map.Entry<String, JsonNode> e : m.path("current_metric").properties()) {
                LifelongLearningJob.AiModel ai = new LifelongLearningJob.AiModel();
                ai.modelId = e.getKey();
                JsonNode first = e.getValue().isEmpty() ? null : e.getValue().elements().next();
                ai.averagePrecision = first != null && first.isNumber() ? first.decimalValue() : null;
                aiModels.add(ai);
            }
            if (m.path("number_of_labeled_unseen_sample").canConvertToInt()
                    || m.path("number_of_unseen_sample").canConvertToInt()) {
                LifelongLearningJob.Samples samples = kb.samples == null ? new LifelongLearningJob.Samples() : kb.samples;
                samples.numberOfLabeledUnseenSample = intOr(m, "number_of_labeled_unseen_sample",
                        samples.numberOfLabeledUnseenSample);
                samples.numberOfUnseenSample = intOr(m, "number_of_unseen_sample", samples.numberOfUnseenSample);
                kb.samples = samples;
            }
        }
        if (!classes.isEmpty()) {
            kb.aiClasses = new LifelongLearningJob.AiClasses();
            kb.aiClasses.listOfAiClasses = List.copyOf(classes);
            kb.aiClasses.numberOfAiClasses = classes.size();
        }
        if (!aiModels.isEmpty()) {
            kb.aiModels = new LifelongLearningJob.AiModels();
            kb.aiModels.listOfAiModels = aiModels;
            kb.aiModels.numberOfAiModels = aiModels.size();
        }
        status.knowledgeBase = kb;
        return Resources.differ(before, kb);
    }

    private static Integer intOr(JsonNode m, String field, Integer fallback) {
        return m.path(field).canConvertToInt() ? Integer.valueOf(m.path(field).asInt()) : fallback;
    }

    private record Stages(LifelongLearningJob job, LifelongLearningJob.Status status, Dataset dataset)
            implements LearningJobs.Stages {
        @Override
        public boolean hotUpdate() {
            return false;
        }

        @Override
        public boolean inferenceFromStart() {
            return false;
        }

        @Override
        public PodTemplateSpec template(String stage) {
            return switch (stage) {
                case LearningJobs.TRAIN -> job.spec.trainSpec.template;
                case LearningJobs.EVAL -> job.spec.evalSpec.template;
                default -> job.spec.deploySpec.template;
            };
        }

        @Override
        public Workers.Env env(String stage, Workers.Env env, JsonNode input) {
            String original = LearningJobs.text(input, "dataIndexURL") != null
                    ? LearningJobs.text(input, "dataIndexURL") : dataset.spec.url;
            String dataSecret = dataset.spec.credentialName;
            String jobSecret = job.spec.credentialName; // the job's outputs and the models it trained
            return switch (stage) {
                case LearningJobs.TRAIN -> {
                    Condition trained = LearningJobs.lastOf(status, LearningJobs.TRAIN, LearningJobs.COMPLETED);
                    yield env
                            .put("HAS_COMPLETED_INITIAL_TRAINING",
                                    LearningJobs.count(status, LearningJobs.TRAIN, LearningJobs.COMPLETED) > 0)
                            .put("CLOUD_KB_INDEX", LearningJobs.text(
                                    LearningJobs.output(trained).path("models").path(0), "url"), jobSecret)
                            .put("OUTPUT_URL", LearningJobs.text(input, "outputDir"), jobSecret)
                            .put("TRAIN_DATASET_URL", LearningJobs.text(input, "dataURL"), dataSecret)
                            .put("ORIGINAL_DATASET_URL", original, dataSecret);
                }
                case LearningJobs.EVAL -> env
                        .put("MODEL_URLS", LearningJobs.modelUrls(input.path("models")), jobSecret)
                        .put("OUTPUT_URL", LearningJobs.text(input, "outputDir"), jobSecret)
                        .put("TEST_DATASET_URL", LearningJobs.text(input, "dataURL"), dataSecret)
                        .put("ORIGINAL_DATASET_URL", original, dataSecret);
                default -> env
                        .put("OUTPUT_URL", job.spec.outputDir, jobSecret)
                        .put("MODEL_URLS", job.spec.outputDir + "/deploy/index.pkl", jobSecret);
            };
        }
    }
}
