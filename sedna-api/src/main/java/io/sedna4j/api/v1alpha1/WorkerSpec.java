package io.sedna4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sedna4j.api.Preserved;
import io.sedna4j.api.k8s.PodTemplateSpec;

/** A worker that is only a Pod template. Workers with a model or an algorithm extend it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkerSpec extends Preserved {
    @JsonProperty(required = true)
    public PodTemplateSpec template;
}
