package io.sedna4j.control.controllers;

import io.sedna4j.api.link.UpstreamMessage;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.ReidJob;
import io.sedna4j.control.engine.Controller;
import io.sedna4j.control.engine.Observed;
import io.sedna4j.control.engine.Plan;
import io.sedna4j.control.node.Node;

/**
 * Re-identification: one worker ({@code <job>-reid}, on the cloud node unless placed) matching the query persons;
 * with {@code kafkaSupport: false} it listens on its first container port (else 6001), where its senders post.
 */
public final class ReidController implements Controller<ReidJob> {
    static final String REID = "reid";

    private final Streaming streaming;

    public ReidController(Streaming streaming) {
        this.streaming = streaming;
    }

    @Override
    public Kind kind() {
        return Kind.REID_JOB;
    }

    @Override
    public Plan reconcile(ReidJob job, Observed observed) {
        Planner p = new Planner(job, observed);
        String name = Workers.name(job, REID);
        Node node = p.place(name, job.spec.template, Placement.Side.CLOUD, "spec.template");
        if (!p.blocked()) {
            boolean rest = !Boolean.TRUE.equals(job.spec.kafkaSupport);
            p.add(Workers.spec(job, name, REID, node, job.spec.template,
                    streaming.apply(Workers.env(job, name, false), job.spec.kafkaSupport)
                            .put(Receivers.BIND_PORT, rest ? Receivers.port(job) : null)
                            .toMap(), Workers.ON_FAILURE, Workers.backoffLimit(job.spec.backoffLimit)));
        }
        JobStatuses.update(job, p, observed, JobStatuses.Types.MULTI_EDGE);
        return p.plan();
    }

    /** The worker's reports: frames matched, the target's frames, contacts, cameras ended. */
    @Override
    public boolean onUpstream(ReidJob job, String node, UpstreamMessage message, Observed observed) {
        return Reports.setJobMetrics(job, message);
    }
}
