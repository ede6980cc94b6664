package io.sedna4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sedna4j.api.Preserved;

/** Joint inference: a small edge model answers; hard examples go to a big cloud model. */
public class JointInferenceService extends Resource<JointInferenceService.Spec, ServiceStatus> {
    public JointInferenceService() {
        super(Kind.JOINT_INFERENCE_SERVICE);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Spec extends Preserved {
        @JsonProperty(required = true)
        public EdgeWorker edgeWorker;
        @JsonProperty(required = true)
        public CloudWorker cloudWorker;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class EdgeWorker extends WorkerSpec {
        @JsonProperty(required = true)
        public ModelRef model;
        @JsonProperty(required = true)
        public HardExampleMining hardExampleMining;
        public Hpa hpa;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class CloudWorker extends WorkerSpec {
        @JsonProperty(required = true)
        public ModelRef model;
        public Hpa hpa;
    }
}
