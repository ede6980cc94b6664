package io.sedna4j.api.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sedna4j.api.Preserved;
import io.sedna4j.api.schema.Checked;
import io.sedna4j.api.schema.Format;
import io.sedna4j.api.schema.KubernetesSubset;
import java.util.List;
import java.util.Map;

/** Selects Pods by label. */
@KubernetesSubset
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LabelSelector extends Preserved {
    public Map<String, String> matchLabels;
    public List<Requirement> matchExpressions;

    @KubernetesSubset
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Requirement extends Preserved {
        @JsonProperty(required = true)
        public String key;
        @JsonProperty(required = true)
        public String operator;
        public List<String> values;
    }
}
