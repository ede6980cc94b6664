package io.sedna4j.control.controllers;

import io.sedna4j.api.k8s.DeploymentSpec;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.api.v1alpha1.ServiceStatus;
import io.sedna4j.api.v1alpha1.WorkerSpec;
import io.sedna4j.control.engine.Observed;
import io.sedna4j.control.engine.Plan;
import io.sedna4j.control.node.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * What object search and object tracking share: a pool of ReID workers ({@code <svc>-reidworker-<i>}, cloud side),
 * tracking workers per camera ({@code <svc>-trackingworker-<i>}) that send to the first ReID worker, and for search a
 * user-facing worker ({@code <svc>-userworker}) the tracking workers report to. Ports are the first container port,
 * else Sedna's 9378 (ReID) and 9379 (user worker).
 */
final class ObjectServices {
    static final String USER = "userworker";
    static final String TRACKING = "trackingworker";
    static final String REID = "reidworker";
    static final int REID_PORT = 9378;
    static final int USER_PORT = 9379;

    private ObjectServices() {
    }

    /** Plans the workers and updates the status; {@code user} is null for object tracking. */
    static Plan reconcile(Resource<?, ServiceStatus> svc, WorkerSpec user, List<WorkerSpec> tracking,
                          DeploymentSpec reid, Observed observed) {
        Planner p = new Planner(svc, observed);
        int replicas = reid == null || reid.replicas == null ? 1 : reid.replicas;
        List<String> reidNames = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            reidNames.add(Workers.name(svc, REID, i));
        }
        List<Node> reidNodes = p.place(reidNames, reid == null ? null : reid.template, Placement.Side.CLOUD,
                "spec.reidWorkers.template");
        String userName = Workers.name(svc, USER);
        Node userNode = user == null ? null
                : p.place(userName, user.template, Placement.Side.CLOUD, "spec.userWorker.template");
        List<Node> trackingNodes = new ArrayList<>();
        for (int i = 0; i < tracking.size(); i++) {
            trackingNodes.add(p.place(Workers.name(svc, TRACKING, i), tracking.get(i).template, Placement.Side.EDGE,
                    "spec.trackingWorkers[" + i + "].template"));
        }
        if (!p.blocked()) {
            for (int i = 0; i < replicas; i++) {
                p.add(Workers.spec(svc, reidNames.get(i), REID, reidNodes.get(i), reid.template,
                        Workers.env(svc, reidNames.get(i), true).toMap(), Workers.ALWAYS,
                        Workers.DEFAULT_BACKOFF_LIMIT));
            }
            if (user != null) {
                p.add(Workers.spec(svc, userName, USER, userNode, user.template,
                        Workers.env(svc, userName, true).toMap(), Workers.ALWAYS, Workers.DEFAULT_BACKOFF_LIMIT));
            }
            String reidUrl = reidNodes.isEmpty() ? null : Workers.address(reidNodes.get(0)) + ":"
                    + Workers.firstPort(reid.template, REID_PORT);
            String userUrl = user == null ? null : Workers.address(userNode) + ":"
                    + Workers.firstPort(user.template, USER_PORT);
            for (int i = 0; i < tracking.size(); i++) {
                String name = Workers.name(svc, TRACKING, i);
                p.add(Workers.spec(svc, name, TRACKING, trackingNodes.get(i), tracking.get(i).template,
                        Workers.env(svc, name, true)
                                .put("USERWORKER_URL", userUrl)
                                .put("EDGEMESH_URL", reidUrl)
                                .toMap(), Workers.ALWAYS, Workers.DEFAULT_BACKOFF_LIMIT));
            }
        }
        ServiceStatuses.update(svc, p, observed);
        return p.plan();
    }
}
