package io.sedna4j.lc;

import static io.sedna4j.lc.TestLc.NODE;
import static io.sedna4j.lc.TestLc.TOKEN;
import static io.sedna4j.lc.TestLc.WAIT;
import static io.sedna4j.lc.TestLc.awaitTrue;
import static io.sedna4j.lc.TestLc.command;
import static io.sedna4j.lc.TestLc.info;
import static io.sedna4j.lc.TestLc.post;
import static io.sedna4j.lc.TestLc.running;
import static io.sedna4j.lc.TestLc.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import io.sedna4j.api.link.Frame;
import io.sedna4j.api.link.NodeReport;
import io.sedna4j.api.link.Operation;
import io.sedna4j.api.link.UpstreamMessage;
import io.sedna4j.api.link.WorkerPhase;
import io.sedna4j.api.link.WorkerSpec;
import io.sedna4j.api.v1alpha1.Dataset;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SuppressWarnings("try") // an LC kept open by try-with-resources, and closed on purpose in the middle
class GmLinkTest {
    @TempDir
    Path dir;

    @Test
    void connectsAsItsNodeWithTheTokenAndItsFirstHeartbeatListsEveryWorker() throws Exception {
        try (FakeGm gm = FakeGm.start(0, TOKEN); LocalController lc = TestLc.start(gm, dir)) {
            FakeGm.Handshake hs = gm.awaitConnection(1, WAIT);
            assertThat(hs.path()).isEqualTo("/ws");
            assertThat(hs.node()).isEqualTo(NODE);
            assertThat(hs.authorization()).isEqualTo("Bearer " + TOKEN);
            awaitTrue("a second heartbeat", () -> gm.frames(Operation.HEARTBEAT).size() >= 2);

            Frame first = gm.received.get(0).frame();
            assertThat(first.header().operation()).isEqualTo(Operation.HEARTBEAT);
            assertThat(first.header().resourceKind()).isEqualTo("node");
            NodeReport report = first.content(NodeReport.class);
            assertThat(report.node()).isEqualTo(NODE);
            assertThat(report.labels()).isEqualTo(Map.of("zone", "lab"));
            assertThat(report.address()).isEqualTo("127.0.0.1");
            assertThat(report.cpuCores()).isPositive();
            assertThat(report.memoryBytes()).isPositive();
            assertThat(report.version()).isNotBlank();
            assertThat(report.workers()).isEmpty();
            assertThat(gm.frames(Operation.HEARTBEAT).get(1).content(NodeReport.class).workers())
                    .as("only the first heartbeat of a connection lists the workers").isNull();

            WorkerSpec sleeper = command("sleeper", "Always", 3, "/bin/sleep", "30");
            TestLc.run(gm, sleeper);
            TestLc.await(gm, running("sleeper", 0));
            gm.dropConnections();
            gm.awaitConnection(2, WAIT);
            Frame again = gm.await(f -> gm.received.stream().anyMatch(r -> r.connection() == 2), WAIT);
            Frame firstOfSecond = gm.received.stream().filter(r -> r.connection() == 2).findFirst().orElseThrow()
                    .frame();
            assertThat(again).isNotNull();
            assertThat(firstOfSecond.header().operation()).isEqualTo(Operation.HEARTBEAT);
            assertThat(firstOfSecond.content(NodeReport.class).workers())
                    .singleElement().satisfies(w -> {
                        assertThat(w.name()).isEqualTo("sleeper");
                        assertThat(w.phase()).isEqualTo(WorkerPhase.Running);
                        assertThat(w.node()).isEqualTo(NODE);
                    });
        }
    }

    @Test
    void aRefusedTokenSendsNothingAndIsRetried() throws Exception {
        try (FakeGm gm = FakeGm.start(0, "another-token"); LocalController lc = TestLc.start(gm, dir)) {
            awaitTrue("three refused attempts", () -> gm.refused.get() >= 3);
            assertThat(gm.handshakes).isEmpty();
            // the fast backoff would retry after 50, 100 ms; a refused token waits the longest, 300 ms
            assertThat(java.time.Duration.ofNanos(gm.refusedAt.get(2) - gm.refusedAt.get(0)))
                    .isGreaterThanOrEqualTo(java.time.Duration.ofMillis(550));
            assertThat(lc.connected()).isFalse();
        }
    }

    @Test
    void unacknowledgedReportsAreResentInOrderOnReconnectUntilAcknowledged() throws Exception {
        long before = System.currentTimeMillis() * 1000;
        try (FakeGm gm = FakeGm.start(0, TOKEN); LocalController lc = TestLc.start(gm, dir)) {
            gm.autoAck = false;
            gm.awaitConnection(1, WAIT);
            for (int i = 0; i < 3; i++) {
                assertThat(post(lc.workerApiPort(), "w", info("w", "svc", i)).statusCode()).isEqualTo(200);
            }
            awaitTrue("3 reports", () -> gm.frames(Operation.STATUS).size() == 3);
            List<Long> seqs = gm.frames(Operation.STATUS).stream().map(Frame::seq).toList();
            assertThat(seqs.get(0)).as("a fresh outbox starts at millis × 1000").isGreaterThanOrEqualTo(before);
            assertThat(seqs).isSorted().doesNotHaveDuplicates();

            gm.dropConnections();
            gm.awaitConnection(2, WAIT);
            awaitTrue("3 reports resent", () -> statusSeqs(gm, 2).size() == 3);
            assertThat(statusSeqs(gm, 2)).isEqualTo(seqs);
            assertThat(lc.pendingReports()).isEqualTo(3);

            gm.sendRaw(Frame.ack(seqs.get(2)));
            awaitTrue("the outbox is empty once acknowledged", () -> lc.pendingReports() == 0);
            gm.dropConnections();
            gm.awaitConnection(3, WAIT);
            awaitTrue("a heartbeat on the third connection", () -> gm.received.stream()
                    .anyMatch(r -> r.connection() == 3));
            sleep(300);
            assertThat(statusSeqs(gm, 3)).as("acknowledged reports are not resent").isEmpty();
        }
    }

    @Test
    void workerReportsDuringAGmOutageAreAnsweredQueuedAndDeliveredOnceInOrder() throws Exception {
        FakeGm gm = FakeGm.start(0, TOKEN);
        int port = gm.port();
        try (LocalController lc = TestLc.start(gm, dir)) {
            gm.awaitConnection(1, WAIT);
            gm.close();
            awaitTrue("the LC notices the GM is gone", () -> !lc.connected());
            for (int i = 0; i < 5; i++) {
                assertThat(post(lc.workerApiPort(), "w", info("w", "svc", i)).body())
                        .isEqualTo("{\"Status\":200,\"Message\":\"OK\"}");
            }
            assertThat(lc.pendingReports()).isEqualTo(5);

            try (FakeGm back = FakeGm.start(port, TOKEN)) {
                awaitTrue("5 reports after the GM is back", () -> back.frames(Operation.STATUS).size() >= 5);
                awaitTrue("all acknowledged", () -> lc.pendingReports() == 0);
                sleep(300);
                List<Frame> reports = back.frames(Operation.STATUS);
                assertThat(reports).hasSize(5);
                assertThat(reports).extracting(f -> f.content(UpstreamMessage.class).output().path("ownerInfo")
                        .path("n").asInt()).containsExactly(0, 1, 2, 3, 4);
                assertThat(reports.get(0).header()).isEqualTo(new Frame.Header("default", "jointinferenceservice",
                        "svc", Operation.STATUS));
            }
        }
    }

    @Test
    void aFrameReceivedTwiceIsAppliedOnceAndAcknowledgedAgainEvenAfterAnLcRestart() throws Exception {
        WorkerSpec sleeper = command("dup", "Always", 3, "/bin/sleep", "30");
        try (FakeGm gm = FakeGm.start(0, TOKEN)) {
            Frame run;
            try (LocalController lc = TestLc.start(gm, dir)) {
                gm.awaitConnection(1, WAIT);
                long runSeq = TestLc.run(gm, sleeper);
                run = Frame.of(new Frame.Header("default", "worker", "dup", Operation.WORKER_RUN), sleeper)
                        .withSeq(runSeq);
                long pid = TestLc.pid(TestLc.await(gm, running("dup", 0)));
                long stopSeq = TestLc.stop(gm, sleeper);
                awaitAck(gm, stopSeq);
                awaitTrue("the stopped worker is gone", () -> !TestLc.alive(pid));

                gm.sendRaw(run);
                long marker = sendDataset(gm);
                awaitAck(gm, marker);
                assertThat(TestLc.phases(gm, "dup")).extracting(s -> s.phase()).containsExactly(WorkerPhase.Running);
            }
            try (LocalController lc = TestLc.start(gm, dir)) {
                gm.awaitConnection(2, WAIT);
                gm.sendRaw(run);
                long marker = sendDataset(gm);
                awaitAck(gm, marker);
                assertThat(TestLc.phases(gm, "dup")).extracting(s -> s.phase()).containsExactly(WorkerPhase.Running);
            }
        }
    }

    @Test
    void aGmUrlWithoutHttpOrWsIsRefusedWithTheFix() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> io.sedna4j.lc.link.GmLink.webSocketUrl(
                        URI.create("ftp://gm:9000")))
                .hasMessageContaining("must start with http:// or ws://").hasMessageContaining("fix: pass e.g. --gm");
        assertThat(io.sedna4j.lc.link.GmLink.webSocketUrl(URI.create("https://gm:9000")))
                .isEqualTo(URI.create("wss://gm:9000/ws"));
    }

    private static long sendDataset(FakeGm gm) {
        Dataset ds = new Dataset();
        ds.metadata.name = "marker";
        ds.spec = new Dataset.Spec();
        ds.spec.url = "/nonexistent/index.txt";
        ds.spec.format = "txt";
        ds.spec.nodeName = NODE;
        return gm.send(new Frame.Header("default", "dataset", "marker", Operation.INSERT), ds);
    }

    private static void awaitAck(FakeGm gm, long seq) {
        gm.await(f -> f.ack() != null && f.ack() >= seq, WAIT);
    }

    private static List<Long> statusSeqs(FakeGm gm, int connection) {
        return gm.received.stream().filter(r -> r.connection() == connection)
                .map(FakeGm.Received::frame)
                .filter(f -> f.header() != null && Operation.STATUS.equals(f.header().operation()))
                .map(Frame::seq).toList();
    }
}
