package io.sedna4j.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.sedna4j.api.codec.FieldPath;
import io.sedna4j.api.k8s.Container;
import io.sedna4j.api.k8s.EnvVar;
import io.sedna4j.api.k8s.PodSpec;
import io.sedna4j.api.schema.Algorithms;
import io.sedna4j.api.schema.Names;
import io.sedna4j.api.v1alpha1.FederatedLearningJob;
import io.sedna4j.api.v1alpha1.HardExampleMining;
import io.sedna4j.api.v1alpha1.ObjectSearchService;
import io.sedna4j.api.v1alpha1.ObjectTrackingService;
import io.sedna4j.api.v1alpha1.VideoAnalyticsJob;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that span several fields of one object, which a field's type and format cannot express. Each rule sees the
 * object's tree after its fields were checked.
 */
final class Rules {
    private interface Rule {
        void check(JsonNode node, String path, Problems problems);
    }

    private static final Map<Class<?>, Rule> RULES = Map.of(
            HardExampleMining.class, Rules::hardExampleMining,
            PodSpec.class, Rules::podSpec,
            Container.class, Rules::container,
            EnvVar.class, Rules::envVar,
            FederatedLearningJob.Spec.class, Rules::federatedLearning,
            FederatedLearningJob.Transmitter.class, Rules::transmitter,
            VideoAnalyticsJob.Spec.class, Rules::videoAnalytics,
            ObjectSearchService.Spec.class, (n, p, problems) -> notEmpty(n, p, "trackingWorkers", problems),
            ObjectTrackingService.Spec.class, (n, p, problems) -> notEmpty(n, p, "trackingWorkers", problems));

    private Rules() {
    }

    static void check(Class<?> type, JsonNode node, String path, Problems problems) {
        Rule rule = RULES.get(type);
        if (rule != null) {
            rule.check(node, path, problems);
        }
    }

    /** Parameters must be ones the algorithm takes, each a fraction from 0 to 1. */
    private static void hardExampleMining(JsonNode node, String path, Problems problems) {
        List<String> accepted = Algorithms.HARD_EXAMPLE_MINING.parameters(node.path("name").asText());
        JsonNode params = node.path("parameters");
        if (accepted == null || !params.isArray()) {
            return; // an unknown name is reported on the name itself
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < params.size(); i++) {
            String key = params.get(i).path("key").asText();
            String value = params.get(i).path("value").asText();
            String at = FieldPath.item(FieldPath.field(path, "parameters"), i);
            if (!accepted.contains(key)) {
                problems.error(FieldPath.field(at, "key"), "\"" + node.path("name").asText()
                                + "\" takes no parameter \"" + key + "\"" + Names.didYouMean(key, accepted),
                        accepted.isEmpty() ? "remove the parameters" : "its parameters are " + String.join(", ", accepted));
            } else if (!seen.add(key)) {
                problems.error(FieldPath.field(at, "key"), "parameter \"" + key + "\" is given twice",
                        "keep one of the two");
            } else if (!isFraction(value)) {
                problems.error(FieldPath.field(at, "value"), "\"" + value + "\" is not a number from 0 to 1",
                        "give a fraction such as \"0.9\"");
            }
        }
    }

    private static boolean isFraction(String value) {
        try {
            double d = Double.parseDouble(value);
            return d >= 0 && d <= 1;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A Pod needs a container, and every volume it mounts must be declared. */
    private static void podSpec(JsonNode node, String path, Problems problems) {
        notEmpty(node, path, "containers", problems);
        Set<String> volumes = new HashSet<>();
        node.path("volumes").forEach(v -> volumes.add(v.path("name").asText()));
        JsonNode containers = node.path("containers");
        for (int c = 0; c < containers.size(); c++) {
            JsonNode mounts = containers.get(c).path("volumeMounts");
            for (int m = 0; m < mounts.size(); m++) {
                String name = mounts.get(m).path("name").asText();
                if (!name.isEmpty() && !volumes.contains(name)) {
                    String at = FieldPath.field(FieldPath.item(FieldPath.field(FieldPath.item(
                            FieldPath.field(path, "containers"), c), "volumeMounts"), m), "name");
                    problems.error(at, "volume \"" + name + "\" is mounted but not declared"
                                    + Names.didYouMean(name, volumes),
                            "add it under " + FieldPath.field(path, "volumes") + ", or fix the name");
                }
            }
        }
    }

    private static void container(JsonNode node, String path, Problems problems) {
        if (!node.hasNonNull("image") && !node.hasNonNull("command")) {
            problems.error(path, "the container has neither an image nor a command",
                    "give \"image: sedna4j/<worker>\" for a built-in worker, or an image or command of your own");
        }
    }

    private static void envVar(JsonNode node, String path, Problems problems) {
        if (node.hasNonNull("value") && node.hasNonNull("valueFrom")) {
            problems.error(path, "variable \"" + node.path("name").asText() + "\" has both value and valueFrom",
                    "keep one of the two");
        }
    }

    /** Training needs trainers, and the aggregation algorithm named in the worker's environment must exist. */
    private static void federatedLearning(JsonNode node, String path, Problems problems) {
        notEmpty(node, path, "trainingWorkers", problems);
        String containersPath = FieldPath.field(FieldPath.field(FieldPath.field(FieldPath.field(
                path, "aggregationWorker"), "template"), "spec"), "containers");
        JsonNode containers = node.path("aggregationWorker").path("template").path("spec").path("containers");
        for (int c = 0; c < containers.size(); c++) {
            JsonNode env = containers.get(c).path("env");
            for (int e = 0; e < env.size(); e++) {
                if (Algorithms.AGGREGATION_ENV.equals(env.get(e).path("name").asText())) {
                    String algorithm = env.get(e).path("value").asText();
                    List<String> known = Algorithms.AGGREGATION.names();
                    if (Algorithms.AGGREGATION.canonical(algorithm) == null) {
                        problems.error(FieldPath.field(FieldPath.item(FieldPath.field(FieldPath.item(
                                        containersPath, c), "env"), e), "value"),
                                "unknown aggregation algorithm \"" + algorithm + "\"",
                                "use one of " + String.join(", ", known) + Names.didYouMean(algorithm, known));
                    }
                }
            }
        }
    }

    /**
     * Sedna4J's placement settings of a camera's worker: {@code privacy} and {@code feature_extraction} take known
     * values, and {@code privacy: edge-only} cannot go with features extracted in the cloud.
     */
    private static void videoAnalytics(JsonNode node, String path, Problems problems) {
        String containersPath = FieldPath.field(FieldPath.field(FieldPath.field(path, "template"), "spec"),
                "containers");
        JsonNode containers = node.path("template").path("spec").path("containers");
        for (int c = 0; c < containers.size(); c++) {
            JsonNode env = containers.get(c).path("env");
            String privacy = null;
            String placement = null;
            String placementAt = null;
            for (int e = 0; e < env.size(); e++) {
                String name = env.get(e).path("name").asText();
                String value = env.get(e).path("value").asText();
                String at = FieldPath.field(FieldPath.item(FieldPath.field(FieldPath.item(containersPath, c), "env"),
                        e), "value");
                if (VideoAnalyticsJob.PRIVACY_ENV.equals(name)) {
                    privacy = value;
                    oneOf(value, VideoAnalyticsJob.PRIVACY_VALUES, at, name, "edge-only keeps crops and frames on "
                            + "the camera's node, none lets them travel", problems);
                } else if (VideoAnalyticsJob.FEATURE_EXTRACTION_ENV.equals(name)) {
                    placement = value;
                    placementAt = at;
                    oneOf(value, VideoAnalyticsJob.FEATURE_EXTRACTION_VALUES, at, name, "auto places feature "
                            + "extraction at run time from the edge's load", problems);
                }
            }
            if (VideoAnalyticsJob.PRIVACY_EDGE_ONLY.equals(privacy) && "cloud".equals(placement)) {
                problems.error(placementAt, "feature_extraction \"cloud\" sends person crops to the cloud, which "
                        + "privacy \"edge-only\" forbids", "set feature_extraction to edge (or remove it), or "
                        + "privacy to none");
            }
        }
    }

    private static void oneOf(String value, List<String> accepted, String at, String name, String meaning,
                              Problems problems) {
        if (!accepted.contains(value)) {
            problems.error(at, "\"" + value + "\" is not a value of " + name + Names.didYouMean(value, accepted),
                    "use one of " + String.join(", ", accepted) + " (" + meaning + ")");
        }
    }

    private static void transmitter(JsonNode node, String path, Problems problems) {
        if (node.hasNonNull("s3") && node.hasNonNull("ws")) {
            problems.warning(path, "both s3 and ws transmitters are given; s3 is used, as in Sedna",
                    "keep one: ws (the default) sends weights over the aggregation worker's WebSocket, "
                            + "s3 through a bucket");
        }
    }

    private static void notEmpty(JsonNode node, String path, String field, Problems problems) {
        JsonNode list = node.get(field);
        if (list != null && list.isArray() && list.isEmpty()) {
            problems.error(FieldPath.field(path, field), "the list is empty",
                    "give at least one item under " + FieldPath.field(path, field));
        }
    }
}
