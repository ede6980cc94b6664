package io.sedna4j.control.controllers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.api.k8s.ObjectMeta;
import io.sedna4j.api.k8s.PodTemplateSpec;
import io.sedna4j.api.link.UpstreamMessage;
import io.sedna4j.api.link.WorkerPhase;
import io.sedna4j.api.link.WorkerSpec;
import io.sedna4j.api.link.WorkerStatus;
import io.sedna4j.api.v1alpha1.Condition;
import io.sedna4j.api.v1alpha1.LearningJobStatus;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.control.engine.Observed;
import io.sedna4j.control.engine.Plan;
import io.sedna4j.control.node.Node;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Global Manager's half of the incremental and lifelong learning stage machine. The conditions are append-only
 * and the last one is the current stage (Train, Eval, Deploy) and state. The Local Controller appends
 * {@code Ready} (and reports Completed or Failed) through status frames; this class appends the rest:
 * <pre>
 *   none                         → Train/Waiting
 *   Train|Eval/Ready             → Starting (its worker is planned: {@code <job>-train|eval-<round>})
 *   Deploy/Ready                 → Completed, restarting the inference worker; with hot update → Starting
 *   Starting|Running, worker Running / Succeeded / Failed → Running / Completed / Failed
 *   Completed                    → next stage /Waiting (Train → Eval → Deploy → Train)
 *   Failed                       → Train/Waiting (the round starts over)
 * </pre>
 * While a referred resource or a node is missing, the machine pauses: the current stage and state are repeated
 * with the reason, and repeated without it when the cause is gone.
 */
final class LearningJobs {
    static final String TRAIN = "Train";
    static final String EVAL = "Eval";
    static final String DEPLOY = "Deploy";
    static final String WAITING = "Waiting";
    static final String READY = "Ready";
    static final String STARTING = "Starting";
    static final String RUNNING = "Running";
    static final String COMPLETED = "Completed";
    static final String FAILED = "Failed";
    static final String INFERENCE = "inference";
    /** Changing it restarts the inference worker (the platform replaces a worker whose spec changed). */
    static final String DEPLOY_ROUND_ANNOTATION = "sedna.io/deploy-round";
    /** The reason of the condition that ends a pause; it repeats the state, so it is not counted as one. */
    static final String RESUMED = "Resumed";
    private static final Set<String> REPORTED = Set.of(WAITING, READY, COMPLETED, FAILED);

    /** What differs between incremental and lifelong learning. */
    interface Stages {
        /** Deploys replace the model in the running inference worker instead of restarting it. */
        boolean hotUpdate();

        /** Whether the inference worker runs from the start (incremental) or after the first deploy (lifelong). */
        boolean inferenceFromStart();

        /** The template of a stage's worker; Deploy's is the inference worker's. */
        PodTemplateSpec template(String stage);

        /** Where that template is in the spec, for messages: {@code spec.trainSpec.template}, … */
        default String field(String stage) {
            return "spec." + stage.toLowerCase(Locale.ROOT) + "Spec.template";
        }

        /** The kind's environment of a stage's worker, after WORKER_NAME, NAMESPACE and JOB_NAME. */
        Workers.Env env(String stage, Workers.Env env, JsonNode input);
    }

    private LearningJobs() {
    }

    /**
     * Steps the machine, places and plans the workers. {@code planner} has looked up the referred resources already.
     */
    static Plan reconcile(Resource<?, ?> job, LearningJobStatus status, Planner planner, Observed observed,
                          Stages stages) {
        Instant now = observed.now();
        if (status.startTime == null) {
            status.startTime = Conditions.time(now);
        }
        if (latest(status) == null) {
            append(status, TRAIN, WAITING, null, null, now);
        }
        if (!planner.blocked()) {
            advance(job, status, observed, stages.hotUpdate());
        }
        String inferName = Workers.name(job, INFERENCE);
        boolean inference = stages.inferenceFromStart() || count(status, DEPLOY, READY) > 0;
        Node inferNode = inference ? planner.place(inferName, stages.template(DEPLOY), Placement.Side.EDGE,
                stages.field(DEPLOY)) : null;
        String stage = activeStage(status);
        String stageName = stage == null ? null : stageWorker(job, status, stage);
        Node stageNode = stage == null ? null : planner.place(stageName, stages.template(stage),
                Placement.Side.CLOUD, stages.field(stage));
        if (planner.blocked()) {
            pause(status, planner.blocker(), now);
            return planner.plan();
        }
        resume(status, now);
        if (inference) {
            WorkerSpec w = Workers.spec(job, inferName, INFERENCE, inferNode, stages.template(DEPLOY),
                    stages.env(DEPLOY, Workers.env(job, inferName, false), MissingNode.getInstance()),
                    Workers.ALWAYS, Workers.DEFAULT_BACKOFF_LIMIT);
            int deploys = count(status, DEPLOY, READY);
            if (deploys > 0 && !stages.hotUpdate()) {
                annotate(w.template(), DEPLOY_ROUND_ANNOTATION, Integer.toString(deploys));
            }
            planner.add(w);
        }
        if (stage != null) {
            planner.add(Workers.spec(job, stageName, workerType(stage), stageNode, stages.template(stage),
                    stages.env(stage, Workers.env(job, stageName, false), input(lastOf(status, stage, READY))),
                    Workers.ON_FAILURE, Workers.DEFAULT_BACKOFF_LIMIT));
        }
        return planner.plan();
    }

    /** Applies the machine's transitions until it waits for a worker or for the Local Controller. */
    static void advance(Resource<?, ?> job, LearningJobStatus status, Observed observed, boolean hotUpdate) {
        long generation = job.metadata.generation == null ? 1 : job.metadata.generation;
        for (int step = 0; step < 8; step++) {
            Condition l = latest(status);
            String stage = l.stage == null ? TRAIN : l.stage;
            String next = null;
            String reason = null;
            String message = null;
            switch (l.type == null ? "" : l.type) {
                case READY -> next = !DEPLOY.equals(stage) ? STARTING : hotUpdate ? STARTING : COMPLETED;
                case STARTING, RUNNING -> {
                    WorkerStatus w = WorkerPhases.current(DEPLOY.equals(stage) ? Workers.name(job, INFERENCE)
                            : stageWorker(job, status, stage), generation, observed);
                    WorkerPhase phase = w == null ? null : w.phase();
                    if (phase == WorkerPhase.Running && STARTING.equals(l.type)) {
                        next = RUNNING;
                    } else if (phase == WorkerPhase.Succeeded) {
                        next = COMPLETED;
                    } else if (phase == WorkerPhase.Failed) {
                        next = FAILED;
                        reason = ServiceStatuses.WORKER_FAILED;
                        message = WorkerPhases.failedMessage(w);
                    }
                }
                case COMPLETED -> {
                    stage = switch (stage) {
                        case TRAIN -> EVAL;
                        case EVAL -> DEPLOY;
                        default -> TRAIN;
                    };
                    next = WAITING;
                }
                case FAILED -> {
                    stage = TRAIN;
                    next = WAITING;
                }
                default -> {
                    // Waiting: the Local Controller decides when the stage is Ready
                }
            }
            if (next == null) {
                return;
            }
            append(status, stage, next, reason, message, observed.now());
        }
    }

    /** Folds a Local Controller's report ({@code phase} = stage, {@code status} = state) in as a condition. */
    static boolean report(LearningJobStatus status, String node, UpstreamMessage m, Instant now) {
        String stage = capitalized(m.phase());
        String type = capitalized(m.status());
        if (!Set.of(TRAIN, EVAL, DEPLOY).contains(stage) || !REPORTED.contains(type)) {
            return false; // e.g. an inference worker's running statistics
        }
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        if (m.input() != null && !m.input().isNull()) {
            data.set("input", m.input());
        }
        if (m.output() != null && !m.output().isNull()) {
            data.set("output", m.output());
        }
        Condition c = append(status, stage, type, null, "reported by node " + node, now);
        c.data = data.isEmpty() ? null : data.toString();
        return true;
    }

    static Condition latest(LearningJobStatus status) {
        return Conditions.last(status.conditions);
    }

    /** The stage whose worker runs now: Train or Eval while Ready, Starting or Running; else null. */
    static String activeStage(LearningJobStatus status) {
        Condition l = latest(status);
        boolean active = l != null && (READY.equals(l.type) || STARTING.equals(l.type) || RUNNING.equals(l.type));
        return active && (TRAIN.equals(l.stage) || EVAL.equals(l.stage)) ? l.stage : null;
    }

    /** {@code <job>-train-<round>}: a new worker each round, so a round never reuses the last one's state. */
    static String stageWorker(Resource<?, ?> job, LearningJobStatus status, String stage) {
        return Workers.name(job, workerType(stage), Math.max(1, count(status, stage, READY)));
    }

    static String workerType(String stage) {
        return DEPLOY.equals(stage) ? INFERENCE : stage.toLowerCase(Locale.ROOT);
    }

    /** How often the stage reached that state; the repetitions of pauses do not count. */
    static int count(LearningJobStatus status, String stage, String type) {
        int n = 0;
        for (Condition c : status.conditions()) {
            if (stage.equals(c.stage) && type.equals(c.type) && c.reason == null) {
                n++;
            }
        }
        return n;
    }

    /** The latest condition of that stage and type that has data, or null. */
    static Condition lastOf(LearningJobStatus status, String stage, String type) {
        List<Condition> cs = status.conditions();
        for (int i = cs.size() - 1; i >= 0; i--) {
            Condition c = cs.get(i);
            if (stage.equals(c.stage) && type.equals(c.type) && c.data != null) {
                return c;
            }
        }
        return null;
    }

    /** {@code data.input} of a condition, or a missing node. */
    static JsonNode input(Condition c) {
        return data(c).path("input");
    }

    /** {@code data.output} of a condition, or a missing node. */
    static JsonNode output(Condition c) {
        return data(c).path("output");
    }

    private static JsonNode data(Condition c) {
        if (c == null || c.data == null) {
            return MissingNode.getInstance();
        }
        try {
            return ResourceCodec.json().readTree(c.data);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance(); // a condition someone wrote by hand; the worker gets no inputs
        }
    }

    /** The URLs of {@code models[*].url}, joined by ';' as Sedna's MODEL_URLS are; null if none. */
    static String modelUrls(JsonNode models) {
        StringBuilder s = new StringBuilder();
        for (JsonNode m : models) {
            if (m.hasNonNull("url")) {
                s.append(s.length() == 0 ? "" : ";").append(m.get("url").asText());
            }
        }
        return s.length() == 0 ? null : s.toString();
    }

    /** A text field of a JSON node, or null. */
    static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : null;
    }

    private static void pause(LearningJobStatus status, Blocker blocker, Instant now) {
        Condition l = latest(status);
        if (blocker.reason().equals(l.reason)) {
            if (!blocker.message().equals(l.message)) {
                l.message = blocker.message();
                l.lastHeartbeatTime = Conditions.time(now);
            }
            return;
        }
        append(status, l.stage, l.type, blocker.reason(), blocker.message(), now);
    }

    private static void resume(LearningJobStatus status, Instant now) {
        Condition l = latest(status);
        if (Blocker.isBlockerReason(l.reason)) {
            append(status, l.stage, l.type, RESUMED, l.reason + " is resolved", now);
        }
    }

    private static Condition append(LearningJobStatus status, String stage, String type, String reason,
                                    String message, Instant now) {
        Condition c = Conditions.condition(type, reason, message, now);
        c.stage = stage;
        status.conditions().add(c); // never trimmed: the Local Controller reads back through them
        return c;
    }

    private static void annotate(PodTemplateSpec template, String key, String value) {
        if (template.metadata == null) {
            template.metadata = new ObjectMeta();
        }
        Map<String, String> annotations = template.metadata.annotations == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(template.metadata.annotations);
        annotations.put(key, value);
        template.metadata.annotations = annotations;
    }

    private static String capitalized(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        String lower = s.toLowerCase(Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    /** Every distinct node in the plan, and {@code extra}: the nodes a learning job's Local Controllers run on. */
    static Set<String> nodes(List<WorkerSpec> workers, String extra) {
        Set<String> nodes = new HashSet<>();
        workers.forEach(w -> nodes.add(w.node()));
        if (extra != null && !extra.isEmpty()) {
            nodes.add(extra);
        }
        return nodes;
    }
}
