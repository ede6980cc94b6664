package io.sedna4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sedna4j.api.Preserved;
import io.sedna4j.api.k8s.DeploymentSpec;

/** Extracts appearance features of detected objects; a Deployment of feature extraction workers. */
public class FeatureExtractionService extends Resource<FeatureExtractionService.Spec, ServiceStatus> {
    public FeatureExtractionService() {
        super(Kind.FEATURE_EXTRACTION_SERVICE);
    }

    /** Sedna inlines a Deployment spec here, next to its own fields. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Spec extends DeploymentSpec {
        public Boolean kafkaSupport;
        @JsonProperty(required = true)
        public ModelRef model;
    }
}
