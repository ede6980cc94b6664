package io.sedna4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sedna4j.api.Preserved;
import io.sedna4j.api.k8s.DeploymentSpec;
import java.util.List;

/** Object search: a user-facing worker, tracking workers per camera and a pool of ReID workers. */
public class ObjectSearchService extends Resource<ObjectSearchService.Spec, ServiceStatus> {
    public ObjectSearchService() {
        super(Kind.OBJECT_SEARCH_SERVICE);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Spec extends Preserved {
        @JsonProperty(required = true)
        public WorkerSpec userWorker;
        @JsonProperty(required = true)
        public List<WorkerSpec> trackingWorkers;
        @JsonProperty(required = true)
        public DeploymentSpec reidWorkers;
    }
}
