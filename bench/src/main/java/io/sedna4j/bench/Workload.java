package io.sedna4j.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.sedna4j.api.Manifest;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.api.v1alpha1.Dataset;
import io.sedna4j.api.v1alpha1.FederatedLearningJob;
import io.sedna4j.api.v1alpha1.Model;
import io.sedna4j.api.v1alpha1.Resource;
import java.util.ArrayList;
import java.util.List;

/**
 * The resources of the GM scale run, as a user would write them: one Model, a Dataset per node, and one
 * FederatedLearningJob spanning every node, its aggregation worker on {@code edge-0} and a training worker on each
 * node, placed by {@code nodeName}.
 *
 * <p>Up to {@link #VALIDATED_UP_TO} nodes they are read as {@code sedna validate} reads them ({@link Manifest});
 * beyond, they are bound directly, because validating takes time quadratic in the manifest's size (about 20 s for
 * the 2,000-trainer job: {@code YamlReader.offset} counts code points from the start of the text for every value).
 */
public final class Workload {
    public static final String NAMESPACE = "default";
    public static final String JOB = "fl-scale";
    public static final String MODEL = "fl-scale-model";
    static final int VALIDATED_UP_TO = 100;

    private Workload() {
    }

    public static String node(int i) {
        return "edge-" + i;
    }

    public static String dataset(int i) {
        return "fl-scale-data-" + i;
    }

    public static Resource<?, ?> model() {
        return read("""
                {"apiVersion": "sedna.io/v1alpha1", "kind": "Model", "metadata": {"name": "%s"},
                 "spec": {"url": "models/fl-scale/", "format": "pt"}}""".formatted(MODEL), Model.class, true);
    }

    /** The Datasets of nodes {@code 0 … n-1}, one on each. */
    public static List<Resource<?, ?>> datasets(int n) {
        List<Resource<?, ?>> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(read("""
                    {"apiVersion": "sedna.io/v1alpha1", "kind": "Dataset", "metadata": {"name": "%s"},
                     "spec": {"url": "data/%s/index.txt", "format": "txt", "nodeName": "%s"}}"""
                    .formatted(dataset(i), node(i), node(i)), Dataset.class, n <= VALIDATED_UP_TO));
        }
        return list;
    }

    /** The job over nodes {@code 0 … n-1}: N + 1 workers. */
    public static Resource<?, ?> job(int n) {
        return read(jobText(n), FederatedLearningJob.class, n <= VALIDATED_UP_TO);
    }

    /** The job as a user would write it (JSON, which is YAML too). */
    public static String jobText(int n) {
        StringBuilder json = new StringBuilder("""
                {"apiVersion": "sedna.io/v1alpha1", "kind": "FederatedLearningJob", "metadata": {"name": "%s"},
                 "spec": {
                  "aggregationWorker": {
                   "model": {"name": "%s"},
                   "template": {"spec": {"nodeName": "%s", "containers": [{"name": "aggregator",
                    "image": "sedna4j/federated-learning-aggregator",
                    "env": [{"name": "aggregation_algorithm", "value": "FedAvg"}, {"name": "exit_round", "value": "10"}]}]}}
                  },
                  "trainingWorkers": [""".formatted(JOB, MODEL, node(0)));
        for (int i = 0; i < n; i++) {
            json.append(i == 0 ? "\n" : ",\n").append("""
                       {"dataset": {"name": "%s"},
                        "template": {"spec": {"nodeName": "%s", "containers": [{"name": "trainer",
                         "image": "sedna4j/federated-learning-trainer",
                         "env": [{"name": "epochs", "value": "1"}, {"name": "batch_size", "value": "64"}]}]}}}"""
                    .formatted(dataset(i), node(i)));
        }
        return json.append("]}}\n").toString();
    }

    private static Resource<?, ?> read(String text, Class<? extends Resource<?, ?>> type, boolean validate) {
        if (validate) {
            List<Resource<?, ?>> resources = Manifest.parse("workload.json", text).resourcesOrThrow();
            if (resources.size() != 1 || !type.isInstance(resources.get(0))) {
                throw new IllegalStateException("expected one " + type.getSimpleName() + ", got " + resources);
            }
            return resources.get(0);
        }
        try {
            return ResourceCodec.json().readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the workload's " + type.getSimpleName() + " does not bind: "
                    + e.getOriginalMessage(), e);
        }
    }
}
