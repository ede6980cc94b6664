package io.sedna4j.api.validation;

import static io.sedna4j.api.ProblemAssertions.assertProblems;
import static io.sedna4j.api.ProblemAssertions.error;
import static io.sedna4j.api.ProblemAssertions.format;
import static io.sedna4j.api.ProblemAssertions.warning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sedna4j.api.ApiException;
import io.sedna4j.api.Manifest;
import io.sedna4j.api.Problem;
import io.sedna4j.api.Trees;
import io.sedna4j.api.codec.ResourceCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Broken manifests of our own, under {@code src/test/resources/manifests/} with a comment on each mistake: every
 * problem is reported at once, at its line and field path, with a hint that fixes it.
 */
class ValidationTest {

    @Test
    void missingRequiredFieldIsAnErrorAtItsPathOnItsParentsLine() {
        Manifest manifest = read("missing-required-field.yaml");

        assertProblems(manifest,
                error(11, "spec.edgeWorker.hardExampleMining.name", "required field is missing"));
        assertThat(manifest.problems().get(0).hint()).contains("add \"name:\" under spec.edgeWorker.hardExampleMining");
        assertThat(manifest.resources()).isEmpty();
    }

    @Test
    void wrongHardExampleMiningAlgorithmAndParametersAreErrorsWithTheRightNames() {
        Manifest manifest = read("hard-example-mining.yaml");

        assertProblems(manifest,
                error(11, "spec.edgeWorker.hardExampleMining.name", "unknown hard example mining algorithm \"IBTT\""),
                error(37, "spec.edgeWorker.hardExampleMining.parameters[0].key",
                        "\"IBT\" takes no parameter \"threshold_image\" (did you mean \"threshold_img\"?)"),
                error(40, "spec.edgeWorker.hardExampleMining.parameters[1].value",
                        "\"1.5\" is not a number from 0 to 1"));
        assertThat(manifest.problems()).extracting(Problem::document).containsExactly(1, 2, 2);
        assertThat(manifest.problems().get(0).hint()).contains("did you mean \"IBT\"?");
        assertThat(manifest.problems().get(1).hint()).contains("threshold_img, threshold_box");
    }

    @Test
    void triggerAndUrlMistakesAreErrorsWhileS3UrlsAreAccepted() {
        Manifest manifest = read("incremental-learning.yaml");

        assertProblems(manifest,
                error(47, "spec.trainSpec.trigger.timer.start", "\"25:00\" is not a time of day"),
                error(50, "spec.trainSpec.trigger.condition.operator", "unknown trigger operator \"=>\""),
                error(74, "spec.outputDir", "URL scheme \"ftp\" is not supported"));
        assertThat(manifest.problems()).extracting(Problem::document).containsOnly(4);
        assertThat(manifest.problems().get(1).hint()).contains("use one of >, <, >=, <=, =");
    }

    @Test
    void triggerOperatorWithSwappedCharactersSuggestsTheOperatorMeant() {
        Manifest manifest = read("incremental-learning.yaml");

        // "=>" is ">=" with its two characters swapped; suggesting ">" changes the condition the user wrote
        assertThat(manifest.problems())
                .filteredOn(p -> p.path().equals("spec.trainSpec.trigger.condition.operator"))
                .singleElement()
                .satisfies(p -> assertThat(p.hint()).contains("did you mean \">=\"?"));
    }

    @Test
    void everyMistakeOfAFileIsReportedTogether() {
        Manifest manifest = read("worker-mistakes.yaml");
        String container = "spec.edgeWorker.template.spec.containers[0]";

        assertProblems(manifest,
                error(6, "metadata.name", "\"Helmet-Detection\" is not a valid name"),
                error(8, "spec.edgeWorker.hardExampleMining", "required field is missing"),
                warning(11, "spec.edgeWorker.hardExampleMinning",
                        "unknown field \"hardExampleMinning\" (did you mean \"hardExampleMining\"?)"),
                error(19, container + ".ports[0].containerPort", "expected a whole number, got the string \"80\""),
                error(22, container + ".resources.limits.memory", "the string \"2 GB\" is not a resource quantity"),
                error(24, container + ".volumeMounts[0].name",
                        "volume \"videos\" is mounted but not declared (did you mean \"video\"?)"));
        // tolerations, a Kubernetes field of the Pod that Sedna4J does not model, draws nothing
        assertThat(manifest.problems()).noneMatch(p -> p.path().contains("tolerations"));
        assertThat(manifest.problems().get(0).hint()).contains("e.g. \"helmet-detection\"");
        assertThat(manifest.problems().get(1).hint()).contains("hardExampleMinning");
        assertThat(manifest.problems().get(3).hint()).contains("remove the quotes");

        assertThatThrownBy(manifest::resourcesOrThrow)
                .isInstanceOf(ApiException.class)
                .hasMessageContainingAll("Helmet-Detection", "hardExampleMining", "containerPort", "2 GB", "videos")
                .hasMessageNotContaining("hardExampleMinning: unknown field"); // warnings do not stop an apply
    }

    @Test
    void kubernetesFieldsWeDoNotModelDrawNoWarningAndAreKeptOnWrite() {
        Manifest manifest = read("kubernetes-fields.yaml");

        assertThat(manifest.problems()).as(format(manifest.problems())).isEmpty();
        String yaml = ResourceCodec.toYaml(manifest.resources());
        JsonNode written = Trees.documents("written", yaml).get(0);
        assertThat(Trees.at(written, "spec.edgeWorker.template.spec.tolerations[0].key").asText())
                .isEqualTo("node-role.kubernetes.io/edge");
        assertThat(Trees.at(written, "spec.edgeWorker.template.spec.tolerations[0].effect").asText())
                .isEqualTo("NoSchedule");
        assertThat(Trees.at(written, "spec.edgeWorker.template.spec.containers[0].securityContext.runAsUser").asInt())
                .isEqualTo(1000);
        assertThat(written).isEqualTo(Trees.documents("original", text("kubernetes-fields.yaml")).get(0));
    }

    @Test
    void unknownAggregationAlgorithmIsAnErrorAtTheEnvironmentVariable() {
        Manifest manifest = read("federated-learning.yaml");

        assertProblems(manifest, error(19, "spec.aggregationWorker.template.spec.containers[0].env[1].value",
                "unknown aggregation algorithm \"FedAvgg\""));
        assertThat(manifest.problems().get(0).hint()).contains("FedAvg, FedProx, MistNet", "did you mean \"FedAvg\"?");
    }

    @Test
    void referenceToACloseNameWarnsAndOneToAnotherNamespaceIsAnError() {
        Manifest manifest = read("references.yaml");

        assertProblems(manifest,
                warning(26, "spec.edgeWorker.model.name",
                        "no Model \"litle-model\" in this file (did you mean \"little-model\"?)"),
                error(36, "spec.cloudWorker.model.name", "Model \"big-model\" is defined in namespace cloud"));
        assertThat(manifest.problems()).extracting(Problem::document).containsOnly(3);
        assertThat(manifest.problems().get(1).message()).contains("helmet-detection is in namespace default");
    }

    @Test
    void sameResourceTwiceIsAnErrorNamingTheFirstDocumentAndLine() {
        Manifest manifest = read("duplicates.yaml");

        assertProblems(manifest, error(24, "metadata.name",
                "Model/default/helmet-model is defined twice (first in document 1, line 2)"));
        assertThat(manifest.problems().get(0).document()).isEqualTo(3);
        assertThat(manifest.resources()).isEmpty();
    }

    @Test
    void nameWrittenAsANumberIsOneProblemNotTwoThatContradictEachOther() {
        Manifest manifest = Manifest.parse("numeric-name.yaml", """
                apiVersion: sedna.io/v1alpha1
                kind: Model
                metadata:
                  name: 123
                spec:
                  url: /models/m.onnx
                  format: onnx
                """);

        // not an error "expected a string" beside a warning "read as the string "123"" for the same field
        assertThat(manifest.problems()).as(format(manifest.problems()))
                .filteredOn(p -> p.path().equals("metadata.name")).hasSize(1);
    }

    @Test
    void videoAnalyticsPrivacyModeIsAcceptedAndBadValuesOrAContradictionAreErrorsWithAFix() {
        String job = """
                apiVersion: sedna.io/v1alpha1
                kind: VideoAnalyticsJob
                metadata:
                  name: %s
                spec:
                  model:
                    name: detector
                  template:
                    spec:
                      containers:
                        - name: video-analytics
                          image: sedna4j/video-analytics
                          env:
                            - name: privacy
                              value: %s
                            - name: feature_extraction
                              value: %s
                """;
        assertThat(Manifest.parse("ok.yaml", job.formatted("cam-1", "edge-only", "auto")).problems()).isEmpty();

        Manifest bad = Manifest.parse("bad.yaml", job.formatted("cam-2", "edge_only", "fog"));
        String env = "spec.template.spec.containers[0].env";
        assertProblems(bad,
                error(15, env + "[0].value", "\"edge_only\" is not a value of privacy (did you mean \"edge-only\"?)"),
                error(17, env + "[1].value", "\"fog\" is not a value of feature_extraction"));
        assertThat(bad.problems().get(1).hint()).contains("use one of auto, edge, cloud");

        Manifest contradiction = Manifest.parse("c.yaml", job.formatted("cam-3", "edge-only", "cloud"));
        assertProblems(contradiction, error(17, env + "[1].value",
                "feature_extraction \"cloud\" sends person crops to the cloud, which privacy \"edge-only\" forbids"));
        assertThat(contradiction.problems().get(0).hint()).contains("set feature_extraction to edge");
    }

    private static Manifest read(String name) {
        return Manifest.read(resource(name));
    }

    private static String text(String name) {
        try {
            return Files.readString(resource(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path resource(String name) {
        URL url = ValidationTest.class.getResource("/manifests/" + name);
        assertThat(url).as("test manifest %s", name).isNotNull();
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
