package io.sedna4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sedna4j.api.Preserved;
import java.util.List;

/** Federated learning: edges train on private data, an aggregation worker in the cloud combines their weights. */
public class FederatedLearningJob extends Resource<FederatedLearningJob.Spec, FederatedLearningJob.Status> {
    public FederatedLearningJob() {
        super(Kind.FEDERATED_LEARNING_JOB);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Spec extends Preserved {
        @JsonProperty(required = true)
        public AggregationWorker aggregationWorker;
        @JsonProperty(required = true)
        public List<TrainingWorker> trainingWorkers;
        public ModelRef pretrainedModel;
        public Transmitter transmitter;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class AggregationWorker extends WorkerSpec {
        @JsonProperty(required = true)
        public ModelRef model;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class TrainingWorker extends WorkerSpec {
        @JsonProperty(required = true)
        public DatasetRef dataset;
    }

    /**
     * A job's status plus its training progress, from the aggregation worker's reports: the last closed round, the
     * clients whose updates it aggregated and on how many samples; {@link JobStatus#metrics} holds the clients' mean
     * training loss and the new global model's test accuracy.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Status extends JobStatus {
        public Integer currentRound;
        public Integer exitRound;
        public List<String> participants;
        public Long sampleCount;
    }

    /** How weights travel: over the aggregation worker's WebSocket (the default) or through S3. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Transmitter extends Preserved {
        public S3 s3;
        public Ws ws;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class S3 extends Preserved {
        @JsonProperty(required = true)
        public String aggDataPath;
        public String credentialName;
    }

    /** No settings: its presence selects the WebSocket transmitter. */
    public static class Ws extends Preserved {
    }
}
