package io.sedna4j.gm.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sedna4j.api.k8s.Container;
import io.sedna4j.api.k8s.PodSpec;
import io.sedna4j.api.k8s.PodTemplateSpec;
import io.sedna4j.api.link.Frame;
import io.sedna4j.api.link.Operation;
import io.sedna4j.api.link.Owner;
import io.sedna4j.api.link.WorkerPhase;
import io.sedna4j.api.link.WorkerSpec;
import io.sedna4j.api.link.WorkerStatus;
import io.sedna4j.gm.FakeLc;
import io.sedna4j.gm.link.LinkHub;
import io.sedna4j.gm.store.Database;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The platform over a real link and SQLite file, without the reconcile engine (which would stop unowned workers). */
class StandaloneWorkerPlatformTest {
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final Owner OWNER = new Owner("JointInferenceService", "default", "svc", "uid-1", 1);

    @TempDir
    Path dir;

    /** A link hub and the platform on it, as the GM wires them. */
    private final class Harness implements AutoCloseable {
        final Database db = Database.open(dir.resolve("gm.db"));
        final LinkHub hub = new LinkHub(db, null, new SimpleMeterRegistry());
        final StandaloneWorkerPlatform platform = new StandaloneWorkerPlatform(db, hub);
        final Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            hub.install(cfg.routes);
        }).start("127.0.0.1", 0);
        final URI url = URI.create("http://127.0.0.1:" + app.port());

        @Override
        public void close() {
            app.stop();
            platform.close();
            hub.close();
            db.close();
        }
    }

    private static WorkerSpec worker(String name, String node, String image, Owner owner) {
        Container c = new Container();
        c.name = "main";
        c.image = image;
        PodTemplateSpec t = new PodTemplateSpec();
        t.spec = new PodSpec();
        t.spec.containers = List.of(c);
        return new WorkerSpec(name, owner, "edge", node, t, "Always", 3);
    }

    private static String describe(Frame f) {
        return f.header().operation() + " " + f.header().resourceName();
    }

    @Test
    void newOrChangedWorkersAreRunAndUnwantedOnesStopped() throws Exception {
        try (Harness h = new Harness(); FakeLc edge = FakeLc.connect(h.url, "edge-1", null);
             FakeLc cloud = FakeLc.connect(h.url, "cloud", null)) {
            h.platform.apply(OWNER, List.of(worker("svc-edge", "edge-1", "sedna4j/a", OWNER),
                    worker("svc-cloud", "cloud", "sedna4j/b", OWNER)));
            Frame run = edge.next(1).get(0);
            assertThat(describe(run)).isEqualTo("worker/run svc-edge");
            assertThat(run.header().resourceKind()).isEqualTo("worker");
            assertThat(run.content(WorkerSpec.class).template().spec.containers.get(0).image).isEqualTo("sedna4j/a");
            assertThat(describe(cloud.next(1).get(0))).isEqualTo("worker/run svc-cloud");

            Owner nextGeneration = new Owner("JointInferenceService", "default", "svc", "uid-1", 2);
            h.platform.apply(nextGeneration, List.of(worker("svc-edge", "edge-1", "sedna4j/a", nextGeneration),
                    worker("svc-cloud", "cloud", "sedna4j/b2", nextGeneration)));
            assertThat(edge.next(QUIET)).as("the same spec in a new generation is not resent").isNull();
            assertThat(describe(cloud.next(1).get(0))).isEqualTo("worker/run svc-cloud");

            h.platform.apply(OWNER, List.of(worker("svc-cloud", "cloud", "sedna4j/b2", OWNER)));
            assertThat(describe(edge.next(1).get(0))).isEqualTo("worker/stop svc-edge");
            assertThat(cloud.next(QUIET)).isNull();

            h.platform.apply(OWNER, List.of());
            assertThat(describe(cloud.next(1).get(0))).isEqualTo("worker/stop svc-cloud");
            assertThat(h.platform.workers(OWNER)).isEmpty();
        }
    }

    @Test
    void phasesReportedByTheNodeUpdateStatusesAndNotifyListeners() throws Exception {
        try (Harness h = new Harness(); FakeLc edge = FakeLc.connect(h.url, "edge-1", null)) {
            BlockingQueue<WorkerStatus> changes = new LinkedBlockingQueue<>();
            h.platform.onChange(changes::add);
            h.platform.apply(OWNER, List.of(worker("svc-edge", "edge-1", "sedna4j/a", OWNER)));
            edge.next(1);
            assertThat(changes.poll(1, TimeUnit.SECONDS).phase()).isEqualTo(WorkerPhase.Pending);
            assertThat(h.platform.workers(OWNER)).singleElement().satisfies(s -> {
                assertThat(s.phase()).isEqualTo(WorkerPhase.Pending);
                assertThat(s.node()).isEqualTo("edge-1");
            });

            long seq = System.currentTimeMillis() * 1000;
            edge.send(Frame.of(new Frame.Header("default", "worker", "svc-edge", Operation.WORKER_PHASE),
                    new WorkerStatus("svc-edge", OWNER, "edge-1", WorkerPhase.Running, 2, null, "started", "t"))
                    .withSeq(seq));
            WorkerStatus running = changes.poll(5, TimeUnit.SECONDS);
            assertThat(running.phase()).isEqualTo(WorkerPhase.Running);
            assertThat(running.restarts()).isEqualTo(2);
            assertThat(h.platform.workers(new Owner("JointInferenceService", "default", "svc", "other-uid", 9)))
                    .as("matched on kind, namespace and name").singleElement()
                    .extracting(WorkerStatus::phase).isEqualTo(WorkerPhase.Running);
            assertThat(h.platform.workers(new Owner("JointInferenceService", "other", "svc", "uid-1", 1))).isEmpty();
            assertThat(h.platform.all()).singleElement().satisfies(w -> assertThat(w.created()).isNotNull());
        }
    }

    @Test
    void aGmRestartResendsNothingThatDidNotChangeAndANodeThatLostAWorkerGetsItAgain() throws Exception {
        List<WorkerSpec> specs = List.of(worker("w1", "edge-1", "sedna4j/a", OWNER),
                worker("w2", "edge-1", "sedna4j/a", OWNER));
        try (Harness h = new Harness(); FakeLc edge = FakeLc.connect(h.url, "edge-1", null)) {
            h.platform.apply(OWNER, specs);
            List<Frame> runs = edge.next(2);
            edge.ack(runs.get(1).seq());
            Thread.sleep(100);
        }
        try (Harness h = new Harness(); FakeLc edge = FakeLc.connect(h.url, "edge-1", null)) {
            assertThat(h.platform.workers(OWNER)).extracting(WorkerStatus::name).containsExactly("w1", "w2");
            h.platform.apply(OWNER, specs);
            assertThat(edge.next(QUIET)).as("remembered across the restart").isNull();

            // the node comes back without w2 (it lost its state) and with a worker the GM never asked for
            Owner stranger = new Owner("ReidJob", "default", "gone", "u", 1);
            edge.heartbeat(FakeLc.report("edge-1", Map.of(), List.of(
                    new WorkerStatus("w1", OWNER, "edge-1", WorkerPhase.Running, 0, null, null, "t"),
                    new WorkerStatus("orphan", stranger, "edge-1", WorkerPhase.Running, 0, null, null, "t"))));
            List<Frame> frames = edge.next(2);
            assertThat(frames).extracting(StandaloneWorkerPlatformTest::describe)
                    .containsExactlyInAnyOrder("worker/stop orphan", "worker/run w2");
            assertThat(h.platform.workers(OWNER)).extracting(s -> s.name() + " " + s.phase())
                    .containsExactly("w1 Running", "w2 Pending");
        }
    }
}
