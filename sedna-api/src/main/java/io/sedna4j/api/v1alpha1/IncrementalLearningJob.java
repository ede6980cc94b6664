package io.sedna4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sedna4j.api.Preserved;
import io.sedna4j.api.schema.Checked;
import io.sedna4j.api.schema.Format;

/** Incremental learning: the edge collects data, the cloud retrains, a better model is deployed back. */
public class IncrementalLearningJob extends Resource<IncrementalLearningJob.Spec, LearningJobStatus> {
    public IncrementalLearningJob() {
        super(Kind.INCREMENTAL_LEARNING_JOB);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Spec extends Preserved {
        @JsonProperty(required = true)
        public TrainDataset dataset;
        @JsonProperty(required = true)
        public ModelRef initialModel;
        @JsonProperty(required = true)
        public TrainSpec trainSpec;
        @JsonProperty(required = true)
        public EvalSpec evalSpec;
        @JsonProperty(required = true)
        public DeploySpec deploySpec;
        public String credentialName;
        @JsonProperty(required = true)
        @Checked(Format.URL)
        public String outputDir;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class TrainSpec extends WorkerSpec {
        @JsonProperty(required = true)
        public Trigger trigger;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class EvalSpec extends WorkerSpec {
        /** The baseline to evaluate against; the deployed model when absent. */
        public ModelRef initialEvalModel;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class DeploySpec extends WorkerSpec {
        @JsonProperty(required = true)
        public DeployModel model;
        @JsonProperty(required = true)
        public Trigger trigger;
        @JsonProperty(required = true)
        public HardExampleMining hardExampleMining;
    }

    /** The Model whose file is replaced on deploy, and whether running workers pick it up without a restart. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class DeployModel extends ModelRef {
        public Boolean hotUpdateEnabled;
        @Checked(Format.POSITIVE)
        public Long pollPeriodSeconds;
    }
}
