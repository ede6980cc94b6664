package io.sedna4j.api.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sedna4j.api.Preserved;
import io.sedna4j.api.schema.Checked;
import io.sedna4j.api.schema.Format;
import io.sedna4j.api.schema.KubernetesSubset;

/** The batch Job spec that Sedna inlines in ReidJob and VideoAnalyticsJob; only {@code template} is required. */
@KubernetesSubset
@JsonInclude(JsonInclude.Include.NON_NULL)
public class JobSpec extends Preserved {
    @Checked(Format.NON_NEGATIVE)
    public Integer parallelism;
    @Checked(Format.NON_NEGATIVE)
    public Integer completions;
    @Checked(Format.POSITIVE)
    public Long activeDeadlineSeconds;
    /** How often a failed worker is restarted before the job fails. */
    @Checked(Format.NON_NEGATIVE)
    public Integer backoffLimit;
    @Checked(Format.NON_NEGATIVE)
    public Integer ttlSecondsAfterFinished;
    public LabelSelector selector;
    @JsonProperty(required = true)
    public PodTemplateSpec template;
}
