package io.sedna4j.api.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sedna4j.api.Preserved;
import io.sedna4j.api.schema.Checked;
import io.sedna4j.api.schema.Format;
import io.sedna4j.api.schema.KubernetesSubset;

/** A Pod template: how a Sedna worker runs. */
@KubernetesSubset
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PodTemplateSpec extends Preserved {
    public ObjectMeta metadata;
    public PodSpec spec;
}
