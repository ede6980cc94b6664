package io.sedna4j.control.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import io.sedna4j.api.link.UpstreamMessage;
import io.sedna4j.api.v1alpha1.JobStatus;
import io.sedna4j.api.v1alpha1.Metric;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.api.v1alpha1.ServiceStatus;
import io.sedna4j.control.engine.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reading Sedna's upstream reports: {@code output.ownerInfo} statistics and the metrics made of them. */
final class Reports {
    /** Timestamps of the report itself, not metrics (Sedna drops them too). */
    private static final Set<String> NOT_METRICS = Set.of("startTime", "updateTime");

    private Reports() {
    }

    /** {@code output.ownerInfo}, or a missing node. */
    static JsonNode ownerInfo(UpstreamMessage m) {
        return m == null || m.output() == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                : m.output().path("ownerInfo");
    }

    /** {@code output.models}, or a missing node. */
    static JsonNode models(UpstreamMessage m) {
        return m == null || m.output() == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                : m.output().path("models");
    }

    /** ownerInfo as metrics, in its order: strings as they are, anything else as JSON; null if there is none. */
    static List<Metric> metrics(JsonNode ownerInfo) {
        if (!ownerInfo.isObject() || ownerInfo.isEmpty()) {
            return null;
        }
        List<Metric> metrics = new ArrayList<>();
        ownerInfo.properties().forEach(e -> {
            if (!NOT_METRICS.contains(e.getKey())) {
                JsonNode v = e.getValue();
                metrics.add(new Metric(e.getKey(), v.isTextual() ? v.asText() : v.toString()));
            }
        });
        return metrics;
    }

    /** Sets the service's metrics from the report's ownerInfo; whether they changed. */
    static boolean setMetrics(Resource<?, ServiceStatus> service, UpstreamMessage message) {
        List<Metric> metrics = metrics(ownerInfo(message));
        if (metrics == null) {
            return false;
        }
        ServiceStatus status = service.status == null ? new ServiceStatus() : service.status;
        service.status = status;
        if (!Resources.differ(status.metrics, metrics)) {
            return false;
        }
        status.metrics = metrics;
        return true;
    }

    /** Sets the job's metrics from the report's ownerInfo; whether they changed. */
    static boolean setJobMetrics(Resource<?, JobStatus> job, UpstreamMessage message) {
        List<Metric> metrics = metrics(ownerInfo(message));
        if (metrics == null) {
            return false;
        }
        JobStatus status = job.status == null ? new JobStatus() : job.status;
        job.status = status;
        if (!Resources.differ(status.metrics, metrics)) {
            return false;
        }
        status.metrics = metrics;
        return true;
    }
}
