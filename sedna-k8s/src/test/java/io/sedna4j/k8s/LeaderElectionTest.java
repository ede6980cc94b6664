package io.sedna4j.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.sedna4j.api.Manifest;
import io.sedna4j.api.v1alpha1.Resource;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two Global Managers on one cluster: only the one holding the Lease reconciles; when it goes, the other takes
 * over and carries on with the same resources.
 */
class LeaderElectionTest {
    private final MockCluster cluster = new MockCluster();

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void onlyTheLeaderReconcilesAndTheOtherTakesOverWhenItStops() throws Exception {
        cluster.node("cloud", Map.of());
        cluster.node("edge-1", Map.of());
        MockCluster.Gm first = cluster.gm(Duration.ofMillis(200));
        MockCluster.Gm second = cluster.gm(Duration.ofMillis(200));
        AtomicReference<String> leader = new AtomicReference<>();
        AutoCloseable firstElection = election("gm-a").run(() -> {
            leader.compareAndSet(null, "gm-a");
            first.engine().start();
        }, () -> { });
        Await.until(() -> "gm-a".equals(leader.get()), () -> "gm-a leads");
        AutoCloseable secondElection = election("gm-b").run(() -> {
            leader.set("gm-b");
            second.engine().start();
        }, () -> { });

        for (Resource<?, ?> r : Manifest.parse("fl.yaml", """
                apiVersion: sedna.io/v1alpha1
                kind: Model
                metadata: {name: m}
                spec: {url: /models/m/, format: pt}
                ---
                apiVersion: sedna.io/v1alpha1
                kind: Dataset
                metadata: {name: d}
                spec: {url: /data/d/index.txt, format: txt, nodeName: edge-1}
                ---
                apiVersion: sedna.io/v1alpha1
                kind: FederatedLearningJob
                metadata: {name: fl}
                spec:
                  aggregationWorker:
                    model: {name: m}
                    template: {spec: {nodeName: cloud, containers: [{name: a, image: sedna4j/agg}]}}
                  trainingWorkers:
                    - dataset: {name: d}
                      template: {spec: {nodeName: edge-1, containers: [{name: t, image: sedna4j/train}]}}
                """).resourcesOrThrow()) {
            first.store().create(r);
        }
        Await.until(() -> cluster.client.pods().inNamespace("default").list().getItems().size() == 2);
        Thread.sleep(1500); // several resyncs of the leader, and leases renewed
        assertThat(first.engine().metrics().reconciles()).isPositive();
        assertThat(second.engine().metrics().reconciles()).as("the follower reconciled").isZero();
        assertThat(leader.get()).isEqualTo("gm-a");

        firstElection.close(); // releases the Lease: the follower takes over
        first.close(); // as a GM that lost its Lease exits
        int pods = cluster.client.pods().inNamespace("default").list().getItems().size();
        Await.until(() -> "gm-b".equals(leader.get()), () -> "gm-b leads");
        Await.until(() -> second.engine().metrics().reconciles() > 0, () -> "gm-b reconciles");
        cluster.client.pods().inNamespace("default").withName("fl-aggregation").delete();
        Await.until(() -> cluster.client.pods().inNamespace("default").withName("fl-aggregation").get() != null,
                () -> "the new leader recreates the deleted Pod");
        assertThat(pods).isEqualTo(2);
        secondElection.close();
    }

    private LeaderElection election(String identity) {
        return new LeaderElection(cluster.client, "default", LeaderElection.DEFAULT_LEASE, identity,
                Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMillis(200));
    }
}
