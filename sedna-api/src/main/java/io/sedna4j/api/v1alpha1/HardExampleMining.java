package io.sedna4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sedna4j.api.Preserved;
import io.sedna4j.api.schema.Checked;
import io.sedna4j.api.schema.Format;
import java.util.List;

/** Which examples are hard enough to send to the cloud: an algorithm by name and its parameters. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HardExampleMining extends Preserved {
    @JsonProperty(required = true)
    @Checked(Format.HARD_EXAMPLE_MINING)
    public String name;
    public List<ParaSpec> parameters;
}
