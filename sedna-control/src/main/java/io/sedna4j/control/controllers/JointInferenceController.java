package io.sedna4j.control.controllers;

import io.sedna4j.api.link.UpstreamMessage;
import io.sedna4j.api.link.WorkerSpec;
import io.sedna4j.api.v1alpha1.JointInferenceService;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.Model;
import io.sedna4j.control.engine.Controller;
import io.sedna4j.control.engine.Observed;
import io.sedna4j.control.engine.Plan;
import io.sedna4j.control.node.Node;
import java.util.Set;

/**
 * Joint inference: a cloud worker serving the big model ({@code <svc>-cloud}, on the node named {@code cloud} unless
 * placed) and an edge worker with the small model that sends hard examples to it ({@code <svc>-edge}). The edge
 * worker reaches the cloud worker at its node's address and first container port (5000 by default).
 */
public final class JointInferenceController implements Controller<JointInferenceService> {
    static final String EDGE = "edge";
    static final String CLOUD = "cloud";
    /** Sedna's port of the big model service. */
    static final int BIG_MODEL_PORT = 5000;

    @Override
    public Kind kind() {
        return Kind.JOINT_INFERENCE_SERVICE;
    }

    @Override
    public Plan reconcile(JointInferenceService svc, Observed observed) {
        Planner p = plan(svc, observed);
        ServiceStatuses.update(svc, p, observed);
        return p.plan();
    }

    private Planner plan(JointInferenceService svc, Observed observed) {
        Planner p = new Planner(svc, observed);
        JointInferenceService.EdgeWorker edge = svc.spec.edgeWorker;
        JointInferenceService.CloudWorker cloud = svc.spec.cloudWorker;
        Model cloudModel = p.model(cloud.model == null ? null : cloud.model.name, "spec.cloudWorker.model.name");
        Model edgeModel = p.model(edge.model == null ? null : edge.model.name, "spec.edgeWorker.model.name");
        String cloudName = Workers.name(svc, CLOUD);
        String edgeName = Workers.name(svc, EDGE);
        Node cloudNode = p.place(cloudName, cloud.template, Placement.Side.CLOUD, "spec.cloudWorker.template");
        Node edgeNode = p.place(edgeName, edge.template, Placement.Side.EDGE, "spec.edgeWorker.template");
        if (p.blocked()) {
            return p;
        }
        int port = Workers.firstPort(cloud.template, BIG_MODEL_PORT);
        p.add(Workers.spec(svc, cloudName, CLOUD, cloudNode, cloud.template, Workers.env(svc, cloudName, true)
                .put("MODEL_URL", cloudModel.spec.url, cloudModel.spec.credentialName)
                .put("BIG_MODEL_BIND_IP", Workers.address(cloudNode)) // where the edge will look for it
                .put("BIG_MODEL_BIND_PORT", port), Workers.ALWAYS, Workers.DEFAULT_BACKOFF_LIMIT));
        p.add(Workers.spec(svc, edgeName, EDGE, edgeNode, edge.template, Workers.env(svc, edgeName, true)
                .put("MODEL_URL", edgeModel.spec.url, edgeModel.spec.credentialName)
                .put("HEM_NAME", edge.hardExampleMining == null ? null : edge.hardExampleMining.name)
                .put("HEM_PARAMETERS", Workers.hemParameters(edge.hardExampleMining))
                .put("BIG_MODEL_IP", Workers.address(cloudNode))
                .put("BIG_MODEL_PORT", port), Workers.ALWAYS, Workers.DEFAULT_BACKOFF_LIMIT));
        return p;
    }

    /** The edge worker's node: its Local Controller relays the edge worker's statistics. */
    @Override
    public Set<String> edgeNodes(JointInferenceService svc, Observed observed) {
        return plan(svc, observed).workers().stream().filter(w -> EDGE.equals(w.workerType()))
                .map(WorkerSpec::node).collect(java.util.stream.Collectors.toSet());
    }

    /** The edge worker's statistics ({@code inferenceNumber}, {@code hardExampleNumber}, …) become the metrics. */
    @Override
    public boolean onUpstream(JointInferenceService svc, String node, UpstreamMessage message, Observed observed) {
        return Reports.setMetrics(svc, message);
    }
}
