package io.sedna4j.gm.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.sedna4j.api.link.Frame;
import io.sedna4j.api.link.Operation;
import io.sedna4j.api.link.UpstreamMessage;
import io.sedna4j.control.Subscription;
import io.sedna4j.gm.FakeLc;
import io.sedna4j.gm.GlobalManager;
import io.sedna4j.gm.GmConfig;
import io.sedna4j.gm.Http;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkHubTest {
    private static final String TOKEN = "s3cret-token";
    private static final Duration QUIET = Duration.ofMillis(300);

    @TempDir
    Path dir;
    GlobalManager gm;

    private GlobalManager start() {
        gm = GlobalManager.start(GmConfig.defaults(dir).withPort(0).withToken(TOKEN));
        return gm;
    }

    @AfterEach
    void stop() {
        if (gm != null) {
            gm.close();
        }
    }

    private static Frame insert(int i) {
        return Frame.of(new Frame.Header("default", "dataset", "d" + i, Operation.INSERT), java.util.Map.of("i", i));
    }

    private static Frame status(long seq, String name) {
        return Frame.of(new Frame.Header("default", "dataset", name, Operation.STATUS),
                new UpstreamMessage("inference", "running", null, null)).withSeq(seq);
    }

    private static int index(Frame f) {
        return f.content(com.fasterxml.jackson.databind.JsonNode.class).path("i").asInt();
    }

    @Test
    void aWrongOrMissingTokenIsRefusedBeforeTheUpgradeAndNothingIsStored() throws Exception {
        start();
        assertThat(FakeLc.refusal(gm.url(), "edge-1", "wrong")).isEqualTo(401);
        assertThat(FakeLc.refusal(gm.url(), "edge-1", null)).isEqualTo(401);
        assertThat(FakeLc.refusal(gm.url(), "Not_A_Node", TOKEN)).isEqualTo(400);
        assertThat(gm.nodes().nodes()).isEmpty();
        assertThat(new Http(gm.url()).get("/api/v1/nodes").json().path("items")).isEmpty();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("gm/gm.db"));
             ResultSet r = c.createStatement().executeQuery(
                     "SELECT (SELECT count(*) FROM link_nodes) + (SELECT count(*) FROM link_outbox)")) {
            assertThat(r.getInt(1)).isZero();
        }
        try (FakeLc lc = FakeLc.connect(gm.url(), "edge-1", TOKEN)) {
            gm.edge().send("edge-1", insert(1));
            assertThat(index(lc.next(1).get(0))).isEqualTo(1);
        }
    }

    @Test
    void framesReachTheNodeInOrderWhetherItWasConnectedOrNot() throws Exception {
        start();
        long before = System.currentTimeMillis() * 1000;
        for (int i = 0; i < 30; i++) {
            gm.edge().send("edge-1", insert(i)); // the node never connected: they wait in its outbox
        }
        try (FakeLc lc = FakeLc.connect(gm.url(), "edge-1", TOKEN)) {
            for (int i = 30; i < 60; i++) {
                gm.edge().send("edge-1", insert(i));
            }
            List<Frame> frames = lc.next(60);
            assertThat(frames).extracting(LinkHubTest::index).containsExactlyElementsOf(
                    java.util.stream.IntStream.range(0, 60).boxed().toList());
            long first = frames.get(0).seq();
            assertThat(first).as("a new outbox starts at currentTimeMillis x 1000").isBetween(before,
                    System.currentTimeMillis() * 1000);
            assertThat(frames).extracting(Frame::seq).containsExactlyElementsOf(
                    LongStream.range(first, first + 60).boxed().toList());
            assertThat(frames.get(0).header().resourceKind()).isEqualTo("dataset");
            assertThat(lc.next(QUIET)).isNull();
        }
    }

    @Test
    void upstreamFramesAreHandedOverOnceAndInOrderAndAcknowledged() throws Exception {
        start();
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        try (Subscription ignored = gm.edge().onUpstream((node, f) -> got.add(node + " " + f.seq()));
             FakeLc lc = FakeLc.connect(gm.url(), "edge-1", TOKEN)) {
            long base = System.currentTimeMillis() * 1000;
            for (long s = base + 1; s <= base + 5; s++) {
                lc.send(status(s, "d"));
            }
            lc.send(status(base + 3, "d")); // a resend of what was applied
            lc.send(status(base + 6, "d"));
            assertThat(lc.ackWithin(Duration.ofSeconds(5), base + 6)).isEqualTo(base + 6);
            List<String> delivered = new java.util.ArrayList<>();
            got.drainTo(delivered);
            assertThat(delivered).containsExactlyElementsOf(
                    LongStream.rangeClosed(base + 1, base + 6).mapToObj(s -> "edge-1 " + s).toList());
        }
    }

    @Test
    void unacknowledgedFramesAreResentInOrderAfterAReconnectionAndAcknowledgedOnesAreNot() throws Exception {
        start();
        long third;
        try (FakeLc lc = FakeLc.connect(gm.url(), "edge-1", TOKEN)) {
            for (int i = 1; i <= 5; i++) {
                gm.edge().send("edge-1", insert(i));
            }
            List<Frame> frames = lc.next(5);
            third = frames.get(2).seq();
            lc.ack(third);
        }
        Thread.sleep(100); // the ack is applied before the close is noticed; give the close time to land too
        try (FakeLc lc = FakeLc.connect(gm.url(), "edge-1", TOKEN)) {
            List<Frame> resent = lc.next(2);
            assertThat(resent).extracting(LinkHubTest::index).containsExactly(4, 5);
            assertThat(resent).extracting(Frame::seq).containsExactly(third + 1, third + 2);
            assertThat(lc.next(QUIET)).isNull();
            lc.ack(third + 2);
            Thread.sleep(100);
        }
        try (FakeLc lc = FakeLc.connect(gm.url(), "edge-1", TOKEN)) {
            assertThat(lc.next(QUIET)).as("everything was acknowledged").isNull();
        }
    }

    @Test
    void aSecondConnectionOfANodeReplacesTheFirst() throws Exception {
        start();
        try (FakeLc first = FakeLc.connect(gm.url(), "edge-1", TOKEN);
             FakeLc second = FakeLc.connect(gm.url(), "edge-1", TOKEN)) {
            assertThat(first.closedByServer(Duration.ofSeconds(5))).isTrue();
            gm.edge().send("edge-1", insert(7));
            assertThat(index(second.next(1).get(0))).isEqualTo(7);
        }
    }

    @Test
    void theOutboxAndTheAppliedSequenceSurviveAGmRestart() throws Exception {
        start();
        BlockingQueue<Long> got = new LinkedBlockingQueue<>();
        long up = System.currentTimeMillis() * 1000 + 77;
        try (FakeLc lc = FakeLc.connect(gm.url(), "edge-2", TOKEN)) {
            gm.edge().onUpstream((node, f) -> got.add(f.seq()));
            lc.send(status(up, "d"));
            assertThat(got.poll(5, TimeUnit.SECONDS)).isEqualTo(up);
        }
        for (int i = 1; i <= 3; i++) {
            gm.edge().send("edge-9", insert(i)); // edge-9 never connected
        }
        gm.close();

        start();
        gm.edge().onUpstream((node, f) -> got.add(f.seq()));
        try (FakeLc lc = FakeLc.connect(gm.url(), "edge-9", TOKEN)) {
            List<Frame> frames = lc.next(3);
            assertThat(frames).extracting(LinkHubTest::index).containsExactly(1, 2, 3);
            assertThat(lc.next(QUIET)).isNull();
            lc.ack(frames.get(2).seq());
            Thread.sleep(100);
        }
        try (FakeLc lc = FakeLc.connect(gm.url(), "edge-9", TOKEN)) {
            assertThat(lc.next(QUIET)).as("exactly once").isNull();
        }
        try (FakeLc lc = FakeLc.connect(gm.url(), "edge-2", TOKEN)) {
            lc.send(status(up, "d")); // the LC did not see the ack before the restart and sends it again
            assertThat(lc.ackWithin(Duration.ofSeconds(5), up)).isEqualTo(up);
            assertThat(got.poll(200, TimeUnit.MILLISECONDS)).as("applied before the restart").isNull();
        }
    }

    @Test
    void latencyAndPendingFramesAreMeasured() throws Exception {
        start();
        gm.edge().send("edge-3", insert(1));
        String metrics = new Http(gm.url()).get("/metrics").body();
        assertThat(metrics).contains("sedna_link_pending_frames{node=\"edge-3\"} 1.0");
        try (FakeLc lc = FakeLc.connect(gm.url(), "edge-3", TOKEN)) {
            lc.ack(lc.next(1).get(0).seq());
            Thread.sleep(100);
            metrics = new Http(gm.url()).get("/metrics").body();
            assertThat(metrics).contains("sedna_link_pending_frames{node=\"edge-3\"} 0.0")
                    .contains("sedna_link_message_latency_seconds_count 1").contains("sedna_link_connected_nodes 1.0");
        }
    }
}
