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
import java.util.function.Consumer;

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
        if (service.status == null) {
            service.status = new ServiceStatus();
        }
        ServiceStatus status = service.status;
        return replace(status.metrics, metrics(ownerInfo(message)), m -> status.metrics = m);
    }

    /** Sets the job's metrics from the report's ownerInfo; whether they changed. */
    static boolean setJobMetrics(Resource<?, JobStatus> job, UpstreamMessage message) {
        if (job.status == null) {
            job.status = new JobStatus();
        }
        JobStatus status = job.status;
        return replace(status.metrics, metrics(ownerInfo(message)), m -> status.metrics = m);
    }

    private static boolean replace(List<Metric> current, List<Metric> reported, Consumer<List<Metric>> set) {
        if (reported == null || !Resources.differ(current, reported)) {
            return false;
        }
        set.accept(reported);
        return true;
    }
}
