package io.sedna4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sedna4j.api.Preserved;
import io.sedna4j.api.schema.Checked;
import io.sedna4j.api.schema.Format;
import io.sedna4j.api.schema.Ref;
import java.math.BigDecimal;

/** The dataset a learning job trains on, and the share of new samples that go to training (the rest evaluate). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TrainDataset extends Preserved {
    @JsonProperty(required = true)
    @Ref("Dataset")
    public String name;
    @JsonProperty(required = true)
    @Checked(Format.PROBABILITY)
    public BigDecimal trainProb;
}
