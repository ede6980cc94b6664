package io.sedna4j.api.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sedna4j.api.Preserved;
import io.sedna4j.api.schema.Checked;
import io.sedna4j.api.schema.Format;
import io.sedna4j.api.schema.KubernetesSubset;
import java.util.List;

/** A container of a worker Pod. Standalone, {@code image: sedna4j/<worker>} names a built-in worker. */
@KubernetesSubset
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Container extends Preserved {
    @JsonProperty(required = true)
    public String name;
    public String image;
    @Checked(Format.PULL_POLICY)
    public String imagePullPolicy;
    public List<String> command;
    public List<String> args;
    public String workingDir;
    public List<EnvVar> env;
    public List<ContainerPort> ports;
    public ResourceRequirements resources;
    public List<VolumeMount> volumeMounts;
}
