package io.sedna4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sedna4j.api.Preserved;

/** A named value reported in a status, e.g. {@code precision}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Metric extends Preserved {
    @JsonProperty(required = true)
    public String key;
    @JsonProperty(required = true)
    public String value;

    public Metric() {
    }

    public Metric(String key, String value) {
        this.key = key;
        this.value = value;
    }
}
