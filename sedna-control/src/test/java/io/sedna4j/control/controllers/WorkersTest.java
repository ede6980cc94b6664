package io.sedna4j.control.controllers;

import static io.sedna4j.control.testing.Fixtures.env;
import static io.sedna4j.control.testing.Fixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.sedna4j.api.link.WorkerSpec;
import io.sedna4j.api.v1alpha1.ReidJob;
import io.sedna4j.control.testing.FakeNodes;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkersTest {
    private final ReidJob job = (ReidJob) parse("""
            apiVersion: sedna.io/v1alpha1
            kind: ReidJob
            metadata: {name: find-person, namespace: team-a}
            spec:
              template:
                spec:
                  containers:
                    - name: reid
                      image: sedna4j/reid
                      env:
                        - {name: JOB_NAME, value: mine}
                        - {name: match_thresh, value: "0.35"}
                    - name: sidecar
                      image: sedna4j/sidecar
            """).get(0);

    @Test
    void namesAreLowerCaseResourceTypeAndIndex() {
        assertThat(Workers.name(job, "ReID")).isEqualTo("find-person-reid");
        assertThat(Workers.name(job, "train", 2)).isEqualTo("find-person-train-2");
    }

    @Test
    void theContractGoesIntoEveryContainerReplacingSameNamedVariablesAndTheTemplateStaysAsItWas() {
        WorkerSpec w = Workers.spec(job, "find-person-reid", "reid", FakeNodes.readyNode("cloud"), job.spec.template,
                Workers.env(job, "find-person-reid", false).put("KAFKA_ENABLED", true).put("UNSET", null).toMap(),
                Workers.ON_FAILURE, 3);

        assertThat(env(w)).containsExactlyInAnyOrderEntriesOf(Map.of("WORKER_NAME", "find-person-reid",
                "NAMESPACE", "team-a", "JOB_NAME", "find-person", "KAFKA_ENABLED", "true", "match_thresh", "0.35"));
        assertThat(w.template().spec.containers.get(0).env).extracting(v -> v.name)
                .containsExactly("match_thresh", "WORKER_NAME", "NAMESPACE", "JOB_NAME", "KAFKA_ENABLED");
        assertThat(w.template().spec.containers.get(1).env).extracting(v -> v.name)
                .containsExactly("WORKER_NAME", "NAMESPACE", "JOB_NAME", "KAFKA_ENABLED");
        assertThat(job.spec.template.spec.containers.get(0).env).hasSize(2);
        assertThat(job.spec.template.spec.containers.get(1).env).isNull();
        assertThat(w.restartPolicy()).isEqualTo("OnFailure");
        assertThat(w.backoffLimit()).isEqualTo(3);
        assertThat(w.node()).isEqualTo("cloud");
        assertThat(w.owner().key()).isEqualTo("ReidJob/team-a/find-person");
    }

    @Test
    void theTemplatesRestartPolicyWins() {
        job.spec.template.spec.restartPolicy = "Never";

        WorkerSpec w = Workers.spec(job, "w", "reid", FakeNodes.readyNode("cloud"), job.spec.template, Map.of(),
                Workers.ON_FAILURE, 6);

        assertThat(w.restartPolicy()).isEqualTo("Never");
    }
}
