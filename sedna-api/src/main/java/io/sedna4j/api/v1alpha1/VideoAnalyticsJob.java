package io.sedna4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sedna4j.api.Preserved;

/** Video analytics at the edge: detect and track objects in a camera stream, publish crops for feature extraction. */
public class VideoAnalyticsJob extends Resource<VideoAnalyticsJob.Spec, JobStatus> {
    /**
     * Sedna4J's extension, a worker env variable: {@code edge-only} keeps person crops and frames on the camera's
     * node (features are extracted there and only embeddings leave it); {@code none}, the default, lets them travel.
     */
    public static final String PRIVACY_ENV = "privacy";
    public static final String PRIVACY_NONE = "none";
    public static final String PRIVACY_EDGE_ONLY = "edge-only";
    public static final java.util.List<String> PRIVACY_VALUES = java.util.List.of(PRIVACY_NONE, PRIVACY_EDGE_ONLY);
    /**
     * Sedna4J's extension, a worker env variable: where the camera's features are extracted: {@code auto} (the
     * default: chosen and switched at run time from the edge's load and the queue lag), {@code edge} or {@code cloud}.
     */
    public static final String FEATURE_EXTRACTION_ENV = "feature_extraction";
    public static final java.util.List<String> FEATURE_EXTRACTION_VALUES = java.util.List.of("auto", "edge", "cloud");

    public VideoAnalyticsJob() {
        super(Kind.VIDEO_ANALYTICS_JOB);
    }

    /** Sedna inlines a batch Job spec here, next to its own fields. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Spec extends io.sedna4j.api.k8s.JobSpec {
        public Boolean kafkaSupport;
        @JsonProperty(required = true)
        public ModelRef model;
    }
}
