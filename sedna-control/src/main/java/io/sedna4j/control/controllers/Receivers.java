package io.sedna4j.control.controllers;

import io.sedna4j.api.k8s.PodTemplateSpec;
import io.sedna4j.api.v1alpha1.FeatureExtractionService;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.ReidJob;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.control.engine.Observed;
import io.sedna4j.control.node.Node;
import java.util.List;

/**
 * Who receives a multi-edge inference topic, found among the resources of the sender's namespace (Sedna's manifests
 * do not name each other: they meet on Kafka topics): {@code object_detection} goes to the FeatureExtractionService,
 * {@code enriched_object} to the ReidJob. With {@code kafkaSupport: false} the senders get the receiver's REST URL
 * ({@code <TOPIC>_URL}: its first worker's node address and port) and the receiver listens on that port
 * (STREAM_BIND_PORT). A namespace holds one of each; none, or several, block the sender until it is fixed.
 */
final class Receivers {
    /** Sedna's port of the feature extraction service. */
    static final int FEATURE_EXTRACTION_PORT = 6000;
    static final int REID_PORT = 6001;
    static final String OBJECT_DETECTION_URL = "OBJECT_DETECTION_URL";
    static final String ENRICHED_OBJECT_URL = "ENRICHED_OBJECT_URL";
    static final String BIND_PORT = "STREAM_BIND_PORT";

    private Receivers() {
    }

    /** The namespace's FeatureExtractionService; null when there is none (blocked when {@code required}). */
    static FeatureExtractionService featureExtraction(Planner p, Resource<?, ?> sender, Observed observed,
                                                      boolean required) {
        return one(p, sender, observed, Kind.FEATURE_EXTRACTION_SERVICE, FeatureExtractionService.class,
                OBJECT_DETECTION_URL, required);
    }

    /** The namespace's ReidJob; null when there is none (blocked when {@code required}). */
    static ReidJob reid(Planner p, Resource<?, ?> sender, Observed observed, boolean required) {
        return one(p, sender, observed, Kind.REID_JOB, ReidJob.class, ENRICHED_OBJECT_URL, required);
    }

    /** The REST URL of the feature extraction service's first worker, or null (and blocked) if it has no node. */
    static String url(Planner p, FeatureExtractionService svc, Observed observed) {
        return url(p, svc, Workers.name(svc, FeatureExtractionController.FE, 0), svc.spec.template,
                port(svc), observed);
    }

    /** The REST URL of the ReID job's worker, or null (and blocked) if it has no node. */
    static String url(Planner p, ReidJob job, Observed observed) {
        return url(p, job, Workers.name(job, ReidController.REID), job.spec.template, port(job), observed);
    }

    static int port(FeatureExtractionService svc) {
        return Workers.firstPort(svc.spec.template, FEATURE_EXTRACTION_PORT);
    }

    static int port(ReidJob job) {
        return Workers.firstPort(job.spec.template, REID_PORT);
    }

    private static String url(Planner p, Resource<?, ?> receiver, String worker, PodTemplateSpec template, int port,
                              Observed observed) {
        Placement.Result placed = Placement.place(List.of(worker), template, Placement.Side.CLOUD, "spec.template",
                observed);
        if (placed.blocker() != null) {
            p.block(new Blocker(Blocker.RECEIVER_NOT_FOUND, receiver.kind + " \"" + receiver.metadata.name
                    + "\", the receiver of this worker's messages, has no node yet (" + placed.blocker().message()
                    + ")"));
            return null;
        }
        Node node = placed.nodes().get(0);
        return "http://" + Workers.address(node) + ":" + port;
    }

    private static <T extends Resource<?, ?>> T one(Planner p, Resource<?, ?> sender, Observed observed, Kind kind,
                                                   Class<T> type, String variable, boolean required) {
        String namespace = sender.metadata.namespaceOrDefault();
        List<T> found = observed.references().list(kind, namespace).stream().filter(type::isInstance).map(type::cast)
                .sorted(java.util.Comparator.comparing(r -> r.metadata.name)).toList();
        if (found.size() == 1) {
            return found.get(0);
        }
        if (!required) {
            return found.isEmpty() ? null : found.get(0);
        }
        p.block(new Blocker(Blocker.RECEIVER_NOT_FOUND, found.isEmpty()
                ? "kafkaSupport is false, so this worker sends over REST to the " + kind.kindName() + " of namespace \""
                + namespace + "\" (" + variable + "), but there is none; fix: create it (sedna apply -f FILE), or set "
                + "kafkaSupport: true"
                : "kafkaSupport is false, and namespace \"" + namespace + "\" holds " + found.size() + " "
                + kind.kindName() + "s (" + String.join(", ", found.stream().map(r -> r.metadata.name).toList())
                + "), so this worker cannot tell which receives its messages (" + variable + "); fix: keep one "
                + "per namespace, or set kafkaSupport: true"));
        return null;
    }
}
