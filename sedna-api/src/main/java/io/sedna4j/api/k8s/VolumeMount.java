package io.sedna4j.api.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sedna4j.api.Preserved;
import io.sedna4j.api.schema.Checked;
import io.sedna4j.api.schema.Format;
import io.sedna4j.api.schema.KubernetesSubset;

/** Where a volume is mounted in a container. */
@KubernetesSubset
@JsonInclude(JsonInclude.Include.NON_NULL)
public class VolumeMount extends Preserved {
    @JsonProperty(required = true)
    public String name;
    @JsonProperty(required = true)
    public String mountPath;
    public Boolean readOnly;
    public String subPath;
}
