package io.sedna4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sedna4j.api.Preserved;

/** An algorithm parameter as the manifest gives it: a key and a string value. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ParaSpec extends Preserved {
    @JsonProperty(required = true)
    public String key;
    @JsonProperty(required = true)
    public String value;
}
