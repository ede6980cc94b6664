package io.sedna4j.api.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sedna4j.api.Preserved;
import io.sedna4j.api.schema.Checked;
import io.sedna4j.api.schema.Format;
import io.sedna4j.api.schema.KubernetesSubset;
import java.util.Map;

/** CPU and memory requests and limits of a worker. */
@KubernetesSubset
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ResourceRequirements extends Preserved {
    public Map<String, Quantity> requests;
    public Map<String, Quantity> limits;
}
