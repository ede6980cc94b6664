package io.sedna4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sedna4j.api.Preserved;
import io.sedna4j.api.schema.Checked;
import io.sedna4j.api.schema.Format;
import java.math.BigDecimal;
import java.util.List;

/** Lifelong learning: a knowledge base of tasks and models; unseen tasks are detected and learned. */
public class LifelongLearningJob extends Resource<LifelongLearningJob.Spec, LifelongLearningJob.Status> {
    public LifelongLearningJob() {
        super(Kind.LIFELONG_LEARNING_JOB);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Spec extends Preserved {
        @JsonProperty(required = true)
        public TrainDataset dataset;
        @JsonProperty(required = true)
        public TrainSpec trainSpec;
        @JsonProperty(required = true)
        public WorkerSpec evalSpec;
        @JsonProperty(required = true)
        public WorkerSpec deploySpec;
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
    public static class Status extends LearningJobStatus {
        public KnowledgeBase knowledgeBase;
    }

    /** What the knowledge base holds: models per task, known classes, and unseen samples waiting for labels. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class KnowledgeBase extends Preserved {
        @JsonProperty("AIModels")
        public AiModels aiModels;
        @JsonProperty("AIClasses")
        public AiClasses aiClasses;
        public Samples samples;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class AiModels extends Preserved {
        @JsonProperty("numberOfAIModels")
        public Integer numberOfAiModels;
        @JsonProperty("listOfAIModels")
        public List<AiModel> listOfAiModels;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class AiModel extends Preserved {
        @JsonProperty("modelID")
        public String modelId;
        public BigDecimal averagePrecision;
        public Integer numberOfTrainSamples;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class AiClasses extends Preserved {
        @JsonProperty("numberOfAIClasses")
        public Integer numberOfAiClasses;
        @JsonProperty("listOfAIClasses")
        public List<String> listOfAiClasses;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Samples extends Preserved {
        public Integer numberOfLabeledUnseenSample;
        public Integer numberOfUnseenSample;
    }
}
