package io.sedna4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sedna4j.api.Preserved;
import io.sedna4j.api.schema.Ref;

/** A reference to a Dataset in the same namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DatasetRef extends Preserved {
    @JsonProperty(required = true)
    @Ref("Dataset")
    public String name;
}
