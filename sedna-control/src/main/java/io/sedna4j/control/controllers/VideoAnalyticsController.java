package io.sedna4j.control.controllers;

import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.Model;
import io.sedna4j.api.v1alpha1.VideoAnalyticsJob;
import io.sedna4j.control.engine.Controller;
import io.sedna4j.control.engine.Observed;
import io.sedna4j.control.engine.Plan;
import io.sedna4j.control.node.Node;

/** Video analytics: one worker ({@code <job>-videoanalytics}) detecting and tracking objects in a camera's stream. */
public final class VideoAnalyticsController implements Controller<VideoAnalyticsJob> {
    static final String VIDEO_ANALYTICS = "videoanalytics";

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
        String name = Workers.name(job, VIDEO_ANALYTICS);
        Node node = p.place(name, job.spec.template, Placement.Side.EDGE, "spec.template");
        if (!p.blocked()) {
            p.add(Workers.spec(job, name, VIDEO_ANALYTICS, node, job.spec.template, streaming.apply(Workers.env(job, name, false), job.spec.kafkaSupport)
                    .put("MODEL_NAME", model.metadata.name)
                    .put("MODEL_URL", model.spec.url)
                    .toMap(), Workers.ON_FAILURE, Workers.backoffLimit(job.spec.backoffLimit)));
        }
        JobStatuses.update(job, p, observed, JobStatuses.Types.MULTI_EDGE);
        return p.plan();
    }
}
