package io.sedna4j.api.codec;

import static io.sedna4j.api.ProblemAssertions.format;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sedna4j.api.Manifest;
import io.sedna4j.api.Trees;
import io.sedna4j.api.k8s.Container;
import io.sedna4j.api.v1alpha1.JointInferenceService;
import io.sedna4j.api.v1alpha1.Resource;
import org.junit.jupiter.api.Test;

/** A manifest that goes through Sedna4J comes out with every field its author wrote, as written. */
class RoundTripTest {
    /** Fields Sedna4J does not know at every level, Kubernetes' and made-up ones, and a status. */
    private static final String WITH_UNKNOWN_FIELDS = """
            apiVersion: sedna.io/v1alpha1
            kind: JointInferenceService
            metadata:
              name: helmet-detection
              namespace: default
              finalizers: [sedna.io/cleanup]
              labels:
                app: helmet
            x-team: vision
            spec:
              futureOption:
                enabled: true
                weights: [1, 2.5, "three"]
              edgeWorker:
                model:
                  name: little-model
                hardExampleMining:
                  name: IBT
                  parameters:
                    - key: threshold_img
                      value: "0.9"
                template:
                  metadata:
                    annotations:
                      sedna.io/note: edge
                  spec:
                    priorityClassName: edge-critical
                    containers:
                      - name: little-model
                        image: sedna4j/joint-inference-little
                        securityContext:
                          runAsUser: 1000
                          capabilities: {drop: [ALL]}
                        resources:
                          requests: {cpu: 1, memory: 64Mi}
                          limits: {cpu: "1", memory: 2Gi}
              cloudWorker:
                model:
                  name: big-model
                template:
                  spec:
                    containers:
                      - name: big-model
                        image: sedna4j/joint-inference-big
            status:
              observedGeneration: 3
              active: 2
              conditions:
                - type: Running
                  status: "True"
                  probeCount: 7
            """;

    @Test
    void unknownFieldsAtEveryLevelSurviveWritingAndReadingBack() {
        Manifest manifest = Manifest.parse("unknown-fields.yaml", WITH_UNKNOWN_FIELDS);
        assertThat(manifest.hasErrors()).as(format(manifest.problems())).isFalse();
        JointInferenceService ji = (JointInferenceService) manifest.resources().get(0);

        String yaml = ResourceCodec.toYaml(ji);
        JsonNode written = Trees.documents("written", yaml).get(0);

        assertThat(Trees.differences(original(), written)).as("written as:%n%s", yaml).isEmpty();
        assertThat(written).isEqualTo(original());
        assertThat(ji.unknownFields()).containsOnlyKeys("x-team");
        assertThat(ji.metadata.unknownFields()).containsOnlyKeys("finalizers");
        assertThat(ji.spec.unknownFields()).containsOnlyKeys("futureOption");
        Container little = ji.spec.edgeWorker.template.spec.containers.get(0);
        assertThat(little.unknownFields()).containsOnlyKeys("securityContext");
        assertThat(ji.spec.edgeWorker.template.spec.unknownFields()).containsOnlyKeys("priorityClassName");
        assertThat(ji.status.unknownFields()).containsOnlyKeys("observedGeneration");
        assertThat(ji.status.conditions.get(0).unknownFields()).containsOnlyKeys("probeCount");
    }

    @Test
    void unknownFieldsOfSednaTypesWarnWhileThoseOfKubernetesTypesDoNot() {
        Manifest manifest = Manifest.parse("unknown-fields.yaml", WITH_UNKNOWN_FIELDS);

        assertThat(manifest.problems()).extracting(p -> p.path())
                .containsExactly("x-team", "spec.futureOption", "status.observedGeneration",
                        "status.conditions[0].probeCount");
        assertThat(manifest.problems()).allSatisfy(p -> assertThat(p.message()).startsWith("unknown field"));
    }

    @Test
    void jsonOutputReadsBackAsTheSameResource() {
        Resource<?, ?> resource = Manifest.parse("unknown-fields.yaml", WITH_UNKNOWN_FIELDS).resources().get(0);

        String json = ResourceCodec.toJson(resource);
        Manifest again = Manifest.parse("written.json", json);

        assertThat(again.hasErrors()).as(format(again.problems())).isFalse();
        assertThat(ResourceCodec.toTree(again.resources().get(0))).isEqualTo(ResourceCodec.toTree(resource));
    }

    @Test
    void quantityKeepsBeingANumberOrTextAsWritten() {
        Resource<?, ?> resource = Manifest.parse("unknown-fields.yaml", WITH_UNKNOWN_FIELDS).resources().get(0);
        String resources = "spec.edgeWorker.template.spec.containers[0].resources";

        JsonNode written = Trees.documents("written", ResourceCodec.toYaml(resource)).get(0);

        assertThat(Trees.at(written, resources + ".requests.cpu").isIntegralNumber()).isTrue();
        assertThat(Trees.at(written, resources + ".requests.cpu").asInt()).isEqualTo(1);
        assertThat(Trees.at(written, resources + ".limits.cpu").isTextual()).isTrue();
        assertThat(Trees.at(written, resources + ".limits.cpu").asText()).isEqualTo("1");
        assertThat(Trees.at(written, resources + ".requests.memory").asText()).isEqualTo("64Mi");
        assertThat(ResourceCodec.toYaml(resource)).contains("cpu: 1\n", "cpu: \"1\"\n");
        assertThat(ResourceCodec.toJson(resource)).contains("\"cpu\":1,", "\"cpu\":\"1\",");
    }

    private static JsonNode original() {
        return Trees.withoutNulls(Trees.documents("original", WITH_UNKNOWN_FIELDS).get(0));
    }
}
