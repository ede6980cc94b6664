package io.sedna4j.api.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sedna4j.api.Preserved;
import io.sedna4j.api.schema.Checked;
import io.sedna4j.api.schema.Format;
import io.sedna4j.api.schema.KubernetesSubset;

/** A port a worker listens on. */
@KubernetesSubset
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContainerPort extends Preserved {
    @JsonProperty(required = true)
    @Checked(Format.PORT)
    public Integer containerPort;
    public String name;
    @Checked(Format.PROTOCOL)
    public String protocol;
    @Checked(Format.PORT)
    public Integer hostPort;
}
