package io.sedna4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sedna4j.api.Preserved;
import io.sedna4j.api.k8s.DeploymentSpec;
import java.util.List;

/** Object tracking: tracking workers per camera and a pool of ReID workers. */
public class ObjectTrackingService extends Resource<ObjectTrackingService.Spec, ServiceStatus> {
    public ObjectTrackingService() {
        super(Kind.OBJECT_TRACKING_SERVICE);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Spec extends Preserved {
        @JsonProperty(required = true)
        public List<WorkerSpec> trackingWorkers;
        @JsonProperty(required = true)
        public DeploymentSpec reidWorkers;
    }
}
