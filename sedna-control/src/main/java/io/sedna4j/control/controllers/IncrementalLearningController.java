package io.sedna4j.control.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import io.sedna4j.api.k8s.PodTemplateSpec;
import io.sedna4j.api.link.UpstreamMessage;
import io.sedna4j.api.v1alpha1.Dataset;
import io.sedna4j.api.v1alpha1.IncrementalLearningJob;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.LearningJobStatus;
import io.sedna4j.api.v1alpha1.Model;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.control.engine.Controller;
import io.sedna4j.control.engine.Observed;
import io.sedna4j.control.engine.Plan;
import io.sedna4j.control.engine.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Incremental learning: the inference worker ({@code <job>-inference}, with the deploy Model and hard example mining)
 * runs from the start; train and eval workers ({@code <job>-train-<round>}, {@code <job>-eval-<round>}) run when the
 * Local Controller reports their stage Ready, with the inputs it reported. See {@link LearningJobs}.
 */
public final class IncrementalLearningController implements Controller<IncrementalLearningJob> {

    @Override
    public Kind kind() {
        return Kind.INCREMENTAL_LEARNING_JOB;
    }

    @Override
    public boolean edgeNeedsStatus() {
        return true; // the Local Controller reads the current stage from the conditions
    }

    @Override
    public Plan reconcile(IncrementalLearningJob job, Observed observed) {
        LearningJobStatus status = job.status == null ? new LearningJobStatus() : job.status;
        job.status = status;
        Refs refs = new Refs(job, new Planner(job, observed));
        return LearningJobs.reconcile(job, status, refs.planner, observed, new Stages(job, refs));
    }

    /** The Dataset's node (its Local Controller counts samples and triggers rounds) and the workers' nodes. */
    @Override
    public Set<String> edgeNodes(IncrementalLearningJob job, Observed observed) {
        IncrementalLearningJob copy = Resources.copy(job);
        Plan plan = reconcile(copy, observed);
        Dataset ds = (Dataset) observed.references().get(Kind.DATASET, job.metadata.namespaceOrDefault(),
                job.spec.dataset.name).orElse(null);
        return LearningJobs.nodes(plan.workers(), ds == null ? null : ds.spec.nodeName);
    }

    /** The Models the Local Controllers need: the initial model, the deploy model and the evaluation baseline. */
    @Override
    public List<Resource<?, ?>> edgeReferences(IncrementalLearningJob job, Observed observed) {
        List<Resource<?, ?>> models = new ArrayList<>();
        for (String name : new String[] {job.spec.initialModel.name, job.spec.deploySpec.model.name,
                job.spec.evalSpec.initialEvalModel == null ? null : job.spec.evalSpec.initialEvalModel.name}) {
            if (name != null && models.stream().noneMatch(m -> m.metadata.name.equals(name))) {
                observed.references().get(Kind.MODEL, job.metadata.namespaceOrDefault(), name).ifPresent(models::add);
            }
        }
        return models;
    }

    @Override
    public boolean onUpstream(IncrementalLearningJob job, String node, UpstreamMessage message, Observed observed) {
        LearningJobStatus status = job.status == null ? new LearningJobStatus() : job.status;
        job.status = status;
        return LearningJobs.report(status, node, message, observed.now());
    }

    /** The resources the job refers to, looked up once per reconcile. */
    private static final class Refs {
        final Planner planner;
        final Dataset dataset;
        final Model initial;
        final Model deploy;

        Refs(IncrementalLearningJob job, Planner p) {
            planner = p;
            dataset = p.dataset(job.spec.dataset.name, "spec.dataset.name");
            initial = p.model(job.spec.initialModel.name, "spec.initialModel.name");
            deploy = p.model(job.spec.deploySpec.model.name, "spec.deploySpec.model.name");
            if (job.spec.evalSpec.initialEvalModel != null) {
                p.model(job.spec.evalSpec.initialEvalModel.name, "spec.evalSpec.initialEvalModel.name");
            }
        }
    }

    private record Stages(IncrementalLearningJob job, Refs refs) implements LearningJobs.Stages {
        @Override
        public boolean hotUpdate() {
            return Boolean.TRUE.equals(job.spec.deploySpec.model.hotUpdateEnabled);
        }

        @Override
        public boolean inferenceFromStart() {
            return true;
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
                    ? LearningJobs.text(input, "dataIndexURL") : refs.dataset.spec.url;
            String dataSecret = refs.dataset.spec.credentialName;
            String baseModel = firstNonNull(LearningJobs.text(input.path("models").path(0), "url"),
                    refs.initial.spec.url);
            return switch (stage) {
                // as Sedna: the initial model's Secret for its own URL, the job's for the models it trained
                case LearningJobs.TRAIN -> env
                        .put("BASE_MODEL_URL", baseModel, java.util.Objects.equals(baseModel, refs.initial.spec.url)
                                ? refs.initial.spec.credentialName : job.spec.credentialName)
                        .put("MODEL_URL", LearningJobs.text(input, "outputDir"), job.spec.credentialName)
                        .put("TRAIN_DATASET_URL", LearningJobs.text(input, "dataURL"), dataSecret)
                        .put("ORIGINAL_DATASET_URL", original, dataSecret);
                case LearningJobs.EVAL -> env
                        .put("MODEL_URLS", LearningJobs.modelUrls(input.path("models")), job.spec.credentialName)
                        .put("TEST_DATASET_URL", LearningJobs.text(input, "dataURL"), dataSecret)
                        .put("ORIGINAL_DATASET_URL", original, dataSecret);
                default -> {
                    IncrementalLearningJob.DeploySpec deploy = job.spec.deploySpec;
                    env.put("MODEL_URL", refs.deploy.spec.url, refs.deploy.spec.credentialName)
                            .put("HEM_NAME", deploy.hardExampleMining == null ? null : deploy.hardExampleMining.name)
                            .put("HEM_PARAMETERS", Workers.hemParameters(deploy.hardExampleMining));
                    if (hotUpdate()) {
                        env.put("MODEL_HOT_UPDATE", "true").put("MODEL_POLL_PERIOD_SECONDS",
                                deploy.model.pollPeriodSeconds == null ? 60 : deploy.model.pollPeriodSeconds);
                    }
                    yield env;
                }
            };
        }

        private static String firstNonNull(String a, String b) {
            return a != null ? a : b;
        }
    }
}
