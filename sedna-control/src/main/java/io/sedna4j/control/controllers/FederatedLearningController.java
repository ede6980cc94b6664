package io.sedna4j.control.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import io.sedna4j.api.link.UpstreamMessage;
import io.sedna4j.api.link.WorkerSpec;
import io.sedna4j.api.v1alpha1.Condition;
import io.sedna4j.api.v1alpha1.Dataset;
import io.sedna4j.api.v1alpha1.FederatedLearningJob;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.Metric;
import io.sedna4j.api.v1alpha1.Model;
import io.sedna4j.control.engine.Controller;
import io.sedna4j.control.engine.Observed;
import io.sedna4j.control.engine.Plan;
import io.sedna4j.control.node.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Federated learning: an aggregation worker ({@code <job>-aggregation}, on the cloud node unless placed) and one
 * trainer per {@code trainingWorkers[i]} ({@code <job>-train-<i>}) that reaches it at its node's address and port
 * (7363 by default). Each round the trainers report becomes a {@code Training} condition; the job is Complete when
 * every worker succeeded.
 */
public final class FederatedLearningController implements Controller<FederatedLearningJob> {
    static final String AGGREGATION = "aggregation";
    static final String TRAIN = "train";
    /** Sedna's aggregation port. */
    static final int AGG_PORT = 7363;

    @Override
    public Kind kind() {
        return Kind.FEDERATED_LEARNING_JOB;
    }

    @Override
    public Plan reconcile(FederatedLearningJob job, Observed observed) {
        Planner p = plan(job, observed);
        if (job.status == null) {
            job.status = new FederatedLearningJob.Status();
        }
        JobStatuses.update(job, job.status, p, observed, JobStatuses.Types.FEDERATED);
        return p.plan();
    }

    private Planner plan(FederatedLearningJob job, Observed observed) {
        Planner p = new Planner(job, observed);
        FederatedLearningJob.Spec spec = job.spec;
        FederatedLearningJob.AggregationWorker agg = spec.aggregationWorker;
        List<FederatedLearningJob.TrainingWorker> trainers = spec.trainingWorkers == null ? List.of()
                : spec.trainingWorkers;
        Model model = p.model(agg.model == null ? null : agg.model.name, "spec.aggregationWorker.model.name");
        Model pretrained = spec.pretrainedModel == null ? null
                : p.model(spec.pretrainedModel.name, "spec.pretrainedModel.name");
        Dataset[] datasets = new Dataset[trainers.size()];
        for (int i = 0; i < trainers.size(); i++) {
            FederatedLearningJob.TrainingWorker t = trainers.get(i);
            datasets[i] = p.dataset(t.dataset == null ? null : t.dataset.name,
                    "spec.trainingWorkers[" + i + "].dataset.name");
        }
        String aggName = Workers.name(job, AGGREGATION);
        Node aggNode = p.place(aggName, agg.template, Placement.Side.CLOUD, "spec.aggregationWorker.template");
        Node[] trainerNodes = new Node[trainers.size()];
        for (int i = 0; i < trainers.size(); i++) {
            trainerNodes[i] = p.place(Workers.name(job, TRAIN, i), trainers.get(i).template, Placement.Side.EDGE,
                    "spec.trainingWorkers[" + i + "].template");
        }
        if (p.blocked()) {
            return p;
        }
        boolean s3 = spec.transmitter != null && spec.transmitter.s3 != null;
        String aggDataPath = s3 ? spec.transmitter.s3.aggDataPath : null;
        int port = Workers.firstPort(agg.template, AGG_PORT);
        String pretrainedUrl = pretrained == null ? null : pretrained.spec.url;
        String pretrainedSecret = pretrained == null ? null : pretrained.spec.credentialName;
        String aggDataSecret = s3 ? spec.transmitter.s3.credentialName : null;
        p.add(Workers.spec(job, aggName, AGGREGATION, aggNode, agg.template, Workers.env(job, aggName, false)
                .put("MODEL_URL", model.spec.url, model.spec.credentialName)
                .put("PRETRAINED_MODEL_URL", pretrainedUrl, pretrainedSecret)
                .put("AGG_BIND_PORT", port)
                .put("PARTICIPANTS_COUNT", trainers.size())
                .put("TRANSMITTER", s3 ? "s3" : "ws")
                .put("AGG_DATA_PATH", aggDataPath, aggDataSecret)
                .put("AGG_TOKEN", token(job)), Workers.ON_FAILURE, Workers.DEFAULT_BACKOFF_LIMIT));
        for (int i = 0; i < trainers.size(); i++) {
            String name = Workers.name(job, TRAIN, i);
            p.add(Workers.spec(job, name, TRAIN, trainerNodes[i], trainers.get(i).template,
                    Workers.env(job, name, false)
                            .put("MODEL_NAME", model.metadata.name)
                            .put("MODEL_URL", model.spec.url, model.spec.credentialName)
                            .put("PRETRAINED_MODEL_URL", pretrainedUrl, pretrainedSecret)
                            .put("DATASET_NAME", datasets[i].metadata.name)
                            .put("TRAIN_DATASET_URL", datasets[i].spec.url, datasets[i].spec.credentialName)
                            .put("AGG_IP", Workers.address(aggNode))
                            .put("AGG_PORT", port)
                            .put("PARTICIPANTS_COUNT", trainers.size())
                            .put("TRANSMITTER", s3 ? "s3" : "ws")
                            .put("AGG_DATA_PATH", aggDataPath, aggDataSecret)
                            .put("AGG_TOKEN", token(job)), Workers.ON_FAILURE, Workers.DEFAULT_BACKOFF_LIMIT));
        }
        return p;
    }

    /** The trainers' nodes: their Local Controllers relay the trainers' reports. */
    @Override
    public Set<String> edgeNodes(FederatedLearningJob job, Observed observed) {
        Set<String> nodes = new TreeSet<>();
        for (WorkerSpec w : plan(job, observed).workers()) {
            if (TRAIN.equals(w.workerType())) {
                nodes.add(w.node());
            }
        }
        return nodes;
    }

    /**
     * The per-job token the aggregation server asks its clients for: the job's uid, which only the GM, the job's
     * readers and its workers know. A user who wants a secret of their own sets AGG_TOKEN in the aggregation
     * worker's template and the trainers' (e.g. from a Secret); then the controller leaves it alone.
     */
    private static String token(FederatedLearningJob job) {
        var template = job.spec.aggregationWorker.template;
        boolean own = template != null && template.spec != null && template.spec.containers != null
                && template.spec.containers.stream().anyMatch(c -> c.env != null
                && c.env.stream().anyMatch(v -> "AGG_TOKEN".equals(v.name)));
        return own ? null : job.metadata.uid;
    }

    /**
     * {@code ownerInfo.currentRound > 0} appends a {@code Training} condition per new round, as Sedna does; the
     * aggregation worker's report ({@code participants}, {@code sampleCount}, {@code metrics}) also sets the round,
     * the clients, the samples and the latest metrics in the status.
     */
    @Override
    public boolean onUpstream(FederatedLearningJob job, String node, UpstreamMessage message, Observed observed) {
        JsonNode info = Reports.ownerInfo(message);
        JsonNode round = info.path("currentRound");
        if (!round.canConvertToInt() || round.asInt() <= 0) {
            return false;
        }
        FederatedLearningJob.Status status = job.status == null ? new FederatedLearningJob.Status() : job.status;
        job.status = status;
        boolean changed = progress(status, info);
        String prefix = "Round " + round.asInt() + " ";
        for (Condition c : status.conditions()) {
            if ("Training".equals(c.type) && c.message != null && c.message.startsWith(prefix)) {
                return changed; // every trainer reports each round: one condition per round
            }
        }
        String at = Reports.ownerInfo(message).path("updateTime").asText(Conditions.time(observed.now()));
        Conditions.append(status.conditions(), Conditions.condition("Training", "DoTraining",
                prefix + "reaches at " + at, observed.now()));
        if (status.phase == null || "Pending".equals(status.phase)) {
            status.phase = "Running";
        }
        return true;
    }

    private static boolean progress(FederatedLearningJob.Status status, JsonNode info) {
        int round = info.path("currentRound").asInt();
        boolean changed = false;
        if (status.currentRound == null || round > status.currentRound) {
            status.currentRound = round;
            changed = true;
        }
        if (info.path("exitRound").canConvertToInt()) {
            status.exitRound = info.path("exitRound").asInt();
        }
        if (info.has("participants") && round >= status.currentRound) {
            List<String> participants = new ArrayList<>();
            info.path("participants").forEach(p -> participants.add(p.asText()));
            status.participants = participants;
            status.sampleCount = info.path("sampleCount").asLong();
            List<Metric> metrics = new ArrayList<>();
            info.path("metrics").properties().forEach(e -> metrics.add(new Metric(e.getKey(),
                    e.getValue().isNumber() ? String.format(Locale.ROOT, "%.4f", e.getValue().asDouble())
                            : e.getValue().asText())));
            status.metrics = metrics.isEmpty() ? status.metrics : metrics;
            changed = true;
        }
        return changed;
    }
}
