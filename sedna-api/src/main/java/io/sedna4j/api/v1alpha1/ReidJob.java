package io.sedna4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sedna4j.api.Preserved;

/** Re-identification in the cloud: find the person of interest among the features extracted from every camera. */
public class ReidJob extends Resource<ReidJob.Spec, JobStatus> {
    public ReidJob() {
        super(Kind.REID_JOB);
    }

    /** Sedna inlines a batch Job spec here, next to its own field. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Spec extends io.sedna4j.api.k8s.JobSpec {
        public Boolean kafkaSupport;
    }
}
