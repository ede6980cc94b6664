package io.sedna4j.control.controllers;

import io.sedna4j.api.link.UpstreamMessage;
import io.sedna4j.api.v1alpha1.FeatureExtractionService;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.Model;
import io.sedna4j.api.v1alpha1.ReidJob;
import io.sedna4j.control.engine.Controller;
import io.sedna4j.control.engine.Observed;
import io.sedna4j.control.engine.Plan;
import io.sedna4j.control.node.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * Feature extraction: {@code replicas} workers (1 when not given; Sedna crashes on a missing count) named
 * {@code <svc>-fe-<i>}, with the appearance model and, for {@code kafkaSupport}, Kafka enabled; without it, the
 * ReID job's REST URL and the port to listen on (the video analytics workers send to the first replica).
 */
public final class FeatureExtractionController implements Controller<FeatureExtractionService> {
    static final String FE = "fe";

    private final Streaming streaming;

    public FeatureExtractionController(Streaming streaming) {
        this.streaming = streaming;
    }

    @Override
    public Kind kind() {
        return Kind.FEATURE_EXTRACTION_SERVICE;
    }

    @Override
    public Plan reconcile(FeatureExtractionService svc, Observed observed) {
        Planner p = new Planner(svc, observed);
        Model model = p.model(svc.spec.model == null ? null : svc.spec.model.name, "spec.model.name");
        int replicas = svc.spec.replicas == null ? 1 : svc.spec.replicas;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            names.add(Workers.name(svc, FE, i));
        }
        List<Node> nodes = p.place(names, svc.spec.template, Placement.Side.CLOUD, "spec.template");
        boolean rest = !Boolean.TRUE.equals(svc.spec.kafkaSupport);
        ReidJob reid = rest ? Receivers.reid(p, svc, observed, true) : null;
        String reidUrl = reid != null ? Receivers.url(p, reid, observed) : null;
        if (!p.blocked()) {
            for (int i = 0; i < replicas; i++) {
                p.add(Workers.spec(svc, names.get(i), FE, nodes.get(i), svc.spec.template,
                        streaming.apply(Workers.env(svc, names.get(i), true), svc.spec.kafkaSupport)
                                .put("MODEL_URL", model.spec.url, model.spec.credentialName)
                                .put(Receivers.ENRICHED_OBJECT_URL, reidUrl)
                                .put(Receivers.BIND_PORT, rest ? Receivers.port(svc) : null),
                        Workers.ALWAYS, Workers.DEFAULT_BACKOFF_LIMIT));
            }
        }
        ServiceStatuses.update(svc, p, observed);
        return p.plan();
    }

    @Override
    public boolean onUpstream(FeatureExtractionService svc, String node, UpstreamMessage message, Observed observed) {
        return Reports.setMetrics(svc, message);
    }
}
