package io.sedna4j.gm.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sedna4j.control.node.Node;
import io.sedna4j.gm.FakeLc;
import io.sedna4j.gm.GlobalManager;
import io.sedna4j.gm.GmConfig;
import io.sedna4j.gm.Http;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodesTest {
    @TempDir
    Path dir;

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void aSilentNodeBecomesNotReadyAndReadyAgainOnItsNextHeartbeat() throws Exception {
        GmConfig config = GmConfig.defaults(dir).withPort(0).withNodeTimeout(Duration.ofMillis(300));
        try (GlobalManager gm = GlobalManager.start(config);
             FakeLc lc = FakeLc.connect(gm.url(), "edge-1", null)) {
            List<String> changes = new CopyOnWriteArrayList<>();
            gm.nodes().onChange(n -> changes.add(n.name() + " " + (n.ready() ? "Ready" : "NotReady")));
            lc.heartbeat(FakeLc.report("edge-1", Map.of("zone", "a"), List.of()));
            await("edge-1 is known", () -> gm.nodes().node("edge-1").isPresent());
            Node node = gm.nodes().node("edge-1").orElseThrow();
            assertThat(node.labels()).containsEntry("zone", "a");
            assertThat(node.address()).isEqualTo("10.0.0.7");
            assertThat(node.cpuCores()).isEqualTo(4);
            assertThat(node.cpuLoad()).isEqualTo(0.25);

            await("edge-1 is NotReady", () -> !gm.nodes().node("edge-1").orElseThrow().ready());
            assertThat(Duration.between(node.lastHeartbeat(), java.time.Instant.now())).as("silent for the timeout")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(table(gm)).contains("NotReady");

            lc.heartbeat(FakeLc.report("edge-1", Map.of("zone", "a"), null));
            await("edge-1 is Ready again", () -> gm.nodes().node("edge-1").orElseThrow().ready());
            assertThat(changes).containsExactly("edge-1 Ready", "edge-1 NotReady", "edge-1 Ready");
            JsonNode k8s = new Http(gm.url()).get("/api/v1/nodes/edge-1").json();
            assertThat(k8s.at("/status/conditions/0/type").asText()).isEqualTo("Ready");
            assertThat(k8s.at("/status/conditions/0/status").asText()).isEqualTo("True");
            assertThat(k8s.at("/metadata/labels/zone").asText()).isEqualTo("a");
            assertThat(k8s.at("/status/capacity/cpu").asText()).isEqualTo("4");
            assertThat(new Http(gm.url()).get("/metrics").body()).contains("sedna_nodes_ready 1.0");
        }
    }

    @Test
    void knownNodesAreListedNotReadyAfterAGmRestartUntilTheyReconnect() throws Exception {
        GmConfig config = GmConfig.defaults(dir).withPort(0);
        try (GlobalManager gm = GlobalManager.start(config);
             FakeLc lc = FakeLc.connect(gm.url(), "edge-1", null)) {
            lc.heartbeat(FakeLc.report("edge-1", Map.of("zone", "a"), List.of()));
            await("edge-1 is known", () -> gm.nodes().node("edge-1").isPresent());
        }
        try (GlobalManager gm = GlobalManager.start(config)) {
            Node node = gm.nodes().node("edge-1").orElseThrow();
            assertThat(node.ready()).isFalse();
            assertThat(node.labels()).containsEntry("zone", "a");
            JsonNode list = new Http(gm.url()).get("/api/v1/nodes").json();
            assertThat(list.at("/items/0/metadata/name").asText()).isEqualTo("edge-1");
            assertThat(list.at("/items/0/status/conditions/0/status").asText()).isEqualTo("Unknown");
            try (FakeLc lc = FakeLc.connect(gm.url(), "edge-1", null)) {
                lc.heartbeat(FakeLc.report("edge-1", Map.of("zone", "b"), List.of()));
                await("edge-1 is Ready", () -> gm.nodes().node("edge-1").orElseThrow().ready());
                assertThat(gm.nodes().node("edge-1").orElseThrow().labels()).containsEntry("zone", "b");
            }
        }
    }

    /** What kubectl get nodes prints comes from this table. */
    private static String table(GlobalManager gm) throws Exception {
        Http http = new Http(gm.url());
        HttpRequest r = http.builder("/api/v1/nodes").header("Accept",
                "application/json;as=Table;v=v1;g=meta.k8s.io,application/json").build();
        return http.client().send(r, HttpResponse.BodyHandlers.ofString()).body();
    }
}
