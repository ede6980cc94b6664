package io.sedna4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sedna4j.api.Preserved;
import com.fasterxml.jackson.databind.JsonNode;
import io.sedna4j.api.schema.Checked;
import io.sedna4j.api.schema.Format;
import java.util.List;

/** Horizontal autoscaling of a joint inference worker; metrics and behaviour are Kubernetes' autoscaling/v2 types. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Hpa extends Preserved {
    @Checked(Format.POSITIVE)
    public Integer minReplicas;
    @JsonProperty(required = true)
    @Checked(Format.POSITIVE)
    public Integer maxReplicas;
    public List<JsonNode> metrics;
    public JsonNode behavior;
}
