package io.sedna4j.control.controllers;

import io.sedna4j.api.link.UpstreamMessage;
import io.sedna4j.api.v1alpha1.FeatureExtractionService;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.ReidJob;
import io.sedna4j.api.v1alpha1.Model;
import io.sedna4j.api.v1alpha1.VideoAnalyticsJob;
import io.sedna4j.control.engine.Controller;
import io.sedna4j.control.engine.Observed;
import io.sedna4j.control.engine.Plan;
import io.sedna4j.control.node.Node;

/**
 * Video analytics: one worker ({@code <job>-videoanalytics}) detecting and tracking objects in a camera's stream. It
 * gets the namespace's feature extraction model (FEATURE_MODEL_URL), to extract features itself when its placement
 * says so, and with {@code kafkaSupport: false} the REST receivers of both topics it may publish to
 * ({@link Receivers}).
 */
public final class VideoAnalyticsController implements Controller<VideoAnalyticsJob> {
    static final String VIDEO_ANALYTICS = "videoanalytics";
    static final String FEATURE_MODEL_URL = "FEATURE_MODEL_URL";

    private final Streaming streaming;

    public VideoAnalyticsController(Streaming streaming) {
        this.streaming = streaming;
    }

    @Override
    public Kind kind() {
        return Kind.VIDEO_ANALYTICS_JOB;
    }

    @Override
    public Plan reconcile(VideoAnalyticsJob job, Observed observed) {
        Planner p = new Planner(job, observed);
        Model model = p.model(job.spec.model == null ? null : job.spec.model.name, "spec.model.name");
        boolean rest = !Boolean.TRUE.equals(job.spec.kafkaSupport);
        FeatureExtractionService fe = Receivers.featureExtraction(p, job, observed, rest);
        ReidJob reid = rest ? Receivers.reid(p, job, observed, true) : null;
        String name = Workers.name(job, VIDEO_ANALYTICS);
        Node node = p.place(name, job.spec.template, Placement.Side.EDGE, "spec.template");
        String feUrl = rest && fe != null ? Receivers.url(p, fe, observed) : null;
        String reidUrl = rest && reid != null ? Receivers.url(p, reid, observed) : null;
        if (!p.blocked()) {
            p.add(Workers.spec(job, name, VIDEO_ANALYTICS, node, job.spec.template,
                    streaming.apply(Workers.env(job, name, false), job.spec.kafkaSupport)
                            .put("MODEL_NAME", model.metadata.name)
                            .put("MODEL_URL", model.spec.url, model.spec.credentialName)
                            .put(FEATURE_MODEL_URL, featureModelUrl(fe, observed))
                            .put(Receivers.OBJECT_DETECTION_URL, feUrl)
                            .put(Receivers.ENRICHED_OBJECT_URL, reidUrl),
                    Workers.ON_FAILURE, Workers.backoffLimit(job.spec.backoffLimit)));
        }
        JobStatuses.update(job, p, observed, JobStatuses.Types.MULTI_EDGE);
        return p.plan();
    }

    /**
     * The feature extraction service's model, so that the camera's worker can extract features itself (workload
     * repartition, {@code privacy: edge-only}) with the extractor the ReID job compares against; null without one.
     */
    private static String featureModelUrl(FeatureExtractionService fe, Observed observed) {
        if (fe == null || fe.spec.model == null || fe.spec.model.name == null) {
            return null;
        }
        return observed.references().get(Kind.MODEL, fe.metadata.namespaceOrDefault(), fe.spec.model.name)
                .filter(Model.class::isInstance).map(m -> ((Model) m).spec.url).orElse(null);
    }

    /** The workers' reports: frames, fps, detections, queue lag and where features are extracted. */
    @Override
    public boolean onUpstream(VideoAnalyticsJob job, String node, UpstreamMessage message, Observed observed) {
        return Reports.setJobMetrics(job, message);
    }
}
