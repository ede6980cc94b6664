package io.sedna4j.api.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sedna4j.api.Preserved;
import io.sedna4j.api.schema.Checked;
import io.sedna4j.api.schema.Format;
import io.sedna4j.api.schema.KubernetesSubset;
import io.sedna4j.api.schema.Lenient;

/** The Deployment spec that Sedna inlines in FeatureExtractionService and ObjectSearchService's reid workers. */
@KubernetesSubset
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DeploymentSpec extends Preserved {
    @Checked(Format.NON_NEGATIVE)
    public Integer replicas;
    @JsonProperty(required = true)
    @Lenient("Sedna4J selects the workers it creates by labels of its own")
    public LabelSelector selector;
    @JsonProperty(required = true)
    public PodTemplateSpec template;
    @Checked(Format.NON_NEGATIVE)
    public Integer minReadySeconds;
    @Checked(Format.NON_NEGATIVE)
    public Integer revisionHistoryLimit;
}
