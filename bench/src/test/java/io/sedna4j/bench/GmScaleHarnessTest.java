package io.sedna4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.sedna4j.api.Manifest;
import io.sedna4j.api.v1alpha1.FederatedLearningJob;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness's own arithmetic and parsing; the harness itself runs from bench/run-gm-scale.sh, not from here. */
class GmScaleHarnessTest {

    @Test
    void percentilesAreNearestRankOverTheSortedSamples() {
        Percentiles p = new Percentiles(new long[] {50, 10, 40, 20, 30, 60, 70, 80, 90, 100});
        assertThat(p.at(50)).isEqualTo(50);
        assertThat(p.at(99)).isEqualTo(100);
        assertThat(p.at(10)).isEqualTo(10);
        assertThat(new Percentiles(new long[0]).at(50)).isEqualTo(-1);
    }

    @Test
    void theJobPhaseIsReadFromTheLastPhaseFieldOfTheStoredJson() {
        assertThat(JobWatch.phase("{\"spec\":{},\"status\":{\"conditions\":[],\"active\":3,\"phase\":\"Running\"}}"))
                .isEqualTo("Running");
        assertThat(JobWatch.phase("{\"spec\":{}}")).isNull();
    }

    @Test
    void logLinesThatDifferOnlyInNodeNamesAndNumbersAreCountedTogether(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("gm.log");
        Files.writeString(log, """
                07:00:00.001 [qtp-1] INFO io.sedna4j.gm.node.Nodes - node edge-1 registered (4 cores)
                07:00:00.002 [qtp-2] INFO io.sedna4j.gm.node.Nodes - node edge-22 registered (8 cores)
                07:00:00.003 [node-timeout] WARN io.sedna4j.gm.node.Nodes - node edge-3 is NotReady: no heartbeat for 15 s
                \tat some.Stack.trace(Trace.java:1)
                """);
        LogSummary s = LogSummary.of(log);
        assertThat(s.lines()).isEqualTo(4);
        assertThat(s.byLevel()).containsEntry("INFO", 2L).containsEntry("WARN", 1L);
        assertThat(s.top(1).get(0).count()).isEqualTo(2);
        assertThat(s.top(1).get(0).shape()).isEqualTo("node edge-# registered (# cores)");
    }

    @Test
    void theJobSpansEveryNodeWithATrainerEachAndTheAggregatorOnTheFirst() {
        assertThat(Manifest.parse("job.json", Workload.jobText(3)).problems()).isEmpty();
        FederatedLearningJob job = (FederatedLearningJob) Workload.job(3);
        assertThat(job.spec.trainingWorkers).hasSize(3);
        assertThat(job.spec.trainingWorkers.get(2).template.spec.nodeName).isEqualTo("edge-2");
        assertThat(job.spec.trainingWorkers.get(2).dataset.name).isEqualTo(Workload.dataset(2));
        assertThat(job.spec.aggregationWorker.template.spec.nodeName).isEqualTo("edge-0");
        assertThat(Workload.datasets(3)).hasSize(3);
    }

    @Test
    void aLargeJobIsBoundWithoutValidationToTheSameShape() {
        FederatedLearningJob job = (FederatedLearningJob) Workload.job(Workload.VALIDATED_UP_TO + 1);
        assertThat(job.spec.trainingWorkers).hasSize(Workload.VALIDATED_UP_TO + 1);
        assertThat(job.spec.trainingWorkers.get(7).template.spec.containers.get(0).env).hasSize(2);
        assertThat(job.spec.aggregationWorker.model.name).isEqualTo(Workload.MODEL);
        assertThat(Workload.datasets(Workload.VALIDATED_UP_TO + 1).get(7).metadata.name).isEqualTo(Workload.dataset(7));
    }
}
