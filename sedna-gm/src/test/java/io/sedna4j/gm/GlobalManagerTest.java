package io.sedna4j.gm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sedna4j.api.link.Frame;
import io.sedna4j.api.link.Operation;
import io.sedna4j.api.link.WorkerPhase;
import io.sedna4j.api.link.WorkerSpec;
import io.sedna4j.api.link.WorkerStatus;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlobalManagerTest {
    @TempDir
    Path dir;

    @Test
    void defaultsReadTheTokenFileAndNeverShowTheToken() throws Exception {
        assertThat(GmConfig.defaults(dir).token()).isNull();
        Files.writeString(dir.resolve("token"), "abc123\n");
        GmConfig config = GmConfig.defaults(dir);
        assertThat(config.token()).isEqualTo("abc123");
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(9000);
        assertThat(config.nodeTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.resync()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.toString()).doesNotContain("abc123");
        assertThat(config.database()).isEqualTo(dir.resolve("gm/gm.db"));
    }

    @Test
    void startsOnAFreePortKeepsItsDatabaseInTheDataDirAndClosesTwice() {
        GlobalManager gm = GlobalManager.start(GmConfig.defaults(dir).withPort(0));
        assertThat(gm.url().getHost()).isEqualTo("127.0.0.1");
        assertThat(gm.url().getPort()).isPositive();
        assertThat(new Http(gm.url()).get("/healthz").body()).isEqualTo("ok");
        assertThat(dir.resolve("gm/gm.db")).exists();
        gm.close();
        gm.close();
    }

    @Test
    void aTakenPortIsAnErrorThatSaysWhatToDo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> GlobalManager.start(GmConfig.defaults(dir).withPort(taken.getLocalPort())))
                    .isInstanceOf(GmException.class).hasMessageContaining("cannot listen on 127.0.0.1:"
                            + taken.getLocalPort()).hasMessageContaining("fix:");
        }
        // the database was closed again: another GM can use the data dir
        GlobalManager.start(GmConfig.defaults(dir).withPort(0)).close();
    }

    @Test
    void beyondLoopbackTheRestApiNeedsTheToken() throws Exception {
        assertThatThrownBy(() -> GlobalManager.start(GmConfig.defaults(dir).withHost("0.0.0.0").withPort(0)))
                .isInstanceOf(GmException.class).hasMessageContaining("without a token")
                .hasMessageContaining(dir.resolve("token").toString());
        try (GlobalManager gm = GlobalManager.start(GmConfig.defaults(dir).withHost("0.0.0.0").withPort(0)
                .withToken("t0ken"))) {
            Http.Response refused = new Http(gm.url()).get(Manifests.MODELS);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.json().path("reason").asText()).isEqualTo("Unauthorized");
            assertThat(new Http(gm.url(), "nope").get(Manifests.MODELS).status()).isEqualTo(401);
            assertThat(new Http(gm.url(), "t0ken").get(Manifests.MODELS).status()).isEqualTo(200);
            assertThat(new Http(gm.url()).get("/healthz").status()).isEqualTo(200);
            assertThat(FakeLc.refusal(gm.url(), "edge-1", null)).isEqualTo(401);
        }
        try (GlobalManager gm = GlobalManager.start(GmConfig.defaults(dir).withPort(0).withToken("t0ken"))) {
            assertThat(new Http(gm.url()).get(Manifests.MODELS).status()).as("on loopback: no token").isEqualTo(200);
        }
    }

    /** A joint inference service goes from a REST write to worker/run frames on its nodes, and back as Pods. */
    @Test
    void aServiceBecomesWorkersOnItsNodesAndTheirLogsAreReadable() throws Exception {
        try (GlobalManager gm = GlobalManager.start(GmConfig.defaults(dir).withPort(0).withResync(Duration.ofSeconds(1)));
             FakeLc cloud = FakeLc.connect(gm.url(), "cloud", null);
             FakeLc edge = FakeLc.connect(gm.url(), "edge-1", null)) {
            cloud.heartbeat(FakeLc.report("cloud", Map.of(), List.of()));
            edge.heartbeat(FakeLc.report("edge-1", Map.of(), List.of()));
            Http http = new Http(gm.url());
            String manifest = Files.readString(Path.of(System.getProperty("user.dir")).resolveSibling("examples")
                    .resolve("joint-inference/joint-inference.yaml"));
            for (String doc : manifest.split("(?m)^---$")) {
                String kind = doc.contains("kind: Model") ? "models" : "jointinferenceservices";
                assertThat(http.post("/apis/sedna.io/v1alpha1/namespaces/default/" + kind, "application/yaml", doc)
                        .status()).isEqualTo(201);
            }
            WorkerSpec cloudWorker = runOf(cloud);
            WorkerSpec edgeWorker = runOf(edge);
            assertThat(cloudWorker.node()).isEqualTo("cloud");
            assertThat(edgeWorker.owner().name()).isEqualTo("pedestrian-detection");

            cloud.send(Frame.of(new Frame.Header("default", "worker", cloudWorker.name(), Operation.WORKER_PHASE),
                    new WorkerStatus(cloudWorker.name(), cloudWorker.owner(), "cloud", WorkerPhase.Running, 1, null,
                            null, "2026-01-01T00:00:00Z")).withSeq(System.currentTimeMillis() * 1000));
            JsonNode pods = awaitPod(http, cloudWorker.name(), "Running");
            assertThat(pods.at("/spec/nodeName").asText()).isEqualTo("cloud");
            assertThat(pods.at("/status/containerStatuses/0/restartCount").asInt()).isEqualTo(1);
            assertThat(pods.at("/metadata/ownerReferences/0/kind").asText()).isEqualTo("JointInferenceService");

            Path log = dir.resolve("nodes/edge-1/workers").resolve(edgeWorker.name()).resolve("log");
            Files.createDirectories(log.getParent());
            Files.writeString(log, "line 1\nline 2\nline 3\n");
            String logs = "/api/v1/namespaces/default/pods/" + edgeWorker.name() + "/log";
            assertThat(http.get(logs).body()).isEqualTo("line 1\nline 2\nline 3\n");
            assertThat(http.get(logs + "?tailLines=2").body()).isEqualTo("line 2\nline 3\n");
            assertThat(followed(http, logs, log)).isEqualTo(List.of("line 1", "line 2", "line 3", "line 4"));
            Http.Response remote = http.get("/api/v1/namespaces/default/pods/" + cloudWorker.name() + "/log");
            assertThat(remote.status()).isEqualTo(404);
            assertThat(remote.json().path("message").asText()).contains("logs of remote nodes are not available yet");

            assertThat(http.delete("/apis/sedna.io/v1alpha1/namespaces/default/jointinferenceservices/"
                    + "pedestrian-detection").status()).isEqualTo(200);
            assertThat(operations(cloud)).contains(Operation.WORKER_STOP);
        }
    }

    /** With follow=true the log streams on as the worker writes. */
    private static List<String> followed(Http http, String logs, Path log) throws Exception {
        java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        java.net.http.HttpResponse<java.util.stream.Stream<String>> r = http.client().send(
                http.builder(logs + "?follow=true").build(), java.net.http.HttpResponse.BodyHandlers.ofLines());
        Thread reader = new Thread(() -> {
            try {
                r.body().forEach(lines::add);
            } catch (java.io.UncheckedIOException e) {
                // closed at the end
            }
        });
        reader.setDaemon(true);
        reader.start();
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            got.add(lines.poll(5, java.util.concurrent.TimeUnit.SECONDS));
        }
        Files.writeString(log, "line 4\n", java.nio.file.StandardOpenOption.APPEND);
        got.add(lines.poll(5, java.util.concurrent.TimeUnit.SECONDS));
        r.body().close();
        return got;
    }

    private static WorkerSpec runOf(FakeLc lc) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            Frame f = lc.next(Duration.ofMillis(200));
            if (f != null && Operation.WORKER_RUN.equals(f.header().operation())) {
                lc.ack(f.seq());
                return f.content(WorkerSpec.class);
            }
        }
        throw new AssertionError("node " + lc.node() + " got no worker/run");
    }

    private static List<String> operations(FakeLc lc) throws InterruptedException {
        List<String> ops = new ArrayList<>();
        for (Frame f; (f = lc.next(Duration.ofSeconds(2))) != null; ) {
            ops.add(f.header().operation());
            if (f.header().operation().equals(Operation.WORKER_STOP)) {
                break;
            }
        }
        return ops;
    }

    private static JsonNode awaitPod(Http http, String name, String phase) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        JsonNode pod = null;
        while (System.currentTimeMillis() < deadline) {
            pod = http.get("/api/v1/namespaces/default/pods/" + name).json();
            if (phase.equals(pod.at("/status/phase").asText())) {
                return pod;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("pod " + name + " is not " + phase + ": " + pod);
    }
}
