package io.sedna4j.api.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sedna4j.api.Preserved;
import io.sedna4j.api.schema.Checked;
import io.sedna4j.api.schema.Format;
import io.sedna4j.api.schema.KubernetesSubset;
import java.util.List;
import java.util.Map;

/** The part of a Kubernetes PodSpec that places and runs a worker. */
@KubernetesSubset
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PodSpec extends Preserved {
    @JsonProperty(required = true)
    public List<Container> containers;
    public List<Volume> volumes;
    @Checked(Format.DNS_SUBDOMAIN)
    public String nodeName;
    public Map<String, String> nodeSelector;
    @Checked(Format.RESTART_POLICY)
    public String restartPolicy;
    public Boolean hostNetwork;
    public String serviceAccountName;
}
