package io.sedna4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sedna4j.api.Preserved;

/** Video analytics at the edge: detect and track objects in a camera stream, publish crops for feature extraction. */
public class VideoAnalyticsJob extends Resource<VideoAnalyticsJob.Spec, JobStatus> {
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
