package io.sedna4j.control.engine;

import static io.sedna4j.control.testing.Eventually.eventually;
import static io.sedna4j.control.testing.Fixtures.example;
import static io.sedna4j.control.testing.Fixtures.first;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.api.link.Frame;
import io.sedna4j.api.link.Operation;
import io.sedna4j.api.link.WorkerPhase;
import io.sedna4j.api.link.WorkerSpec;
import io.sedna4j.api.v1alpha1.Condition;
import io.sedna4j.api.v1alpha1.Dataset;
import io.sedna4j.api.v1alpha1.JointInferenceService;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.Model;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.api.v1alpha1.ServiceStatus;
import io.sedna4j.control.controllers.Controllers;
import io.sedna4j.control.controllers.DatasetController;
import io.sedna4j.control.testing.FakeNodes;
import io.sedna4j.control.testing.Fixtures;
import io.sedna4j.control.testing.InMemoryStore;
import io.sedna4j.control.testing.RecordingEdge;
import io.sedna4j.control.testing.RecordingPlatform;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReconcileEngineTest {
    private static final String JI = "JointInferenceService/default/pedestrian-detection";

    private final InMemoryStore store = new InMemoryStore();
    private final RecordingPlatform platform = new RecordingPlatform();
    private final FakeNodes nodes = FakeNodes.standard();
    private final RecordingEdge edge = new RecordingEdge();
    private final List<Resource<?, ?>> jointInference = example("joint-inference");
    private ReconcileEngine engine;

    private void start(List<Controller<?>> controllers, Duration resync) {
        engine = new ReconcileEngine(store, platform, nodes, edge, controllers, new EngineOptions(resync,
                Duration.ofMillis(20), Duration.ofMillis(400), 2, Clock.fixed(Fixtures.NOW, ZoneOffset.UTC)));
        engine.start();
    }

    private void start() {
        start(Controllers.standard(), Duration.ofSeconds(30));
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aJointInferenceServiceGetsTwoWorkersOnTheirNodesAndRunsWhenBothRun() {
        start();
        store.createAll(jointInference);

        eventually(() -> assertThat(platform.planned(JI)).extracting(WorkerSpec::name, WorkerSpec::node)
                .containsExactly(tuple("pedestrian-detection-cloud", "cloud"), tuple("pedestrian-detection-edge", "edge-1")));
        eventually(() -> assertThat(last().type).isEqualTo("Pending"));
        eventually(() -> assertThat(edge.sent("pedestrian-detection")).extracting(RecordingEdge.Sent::node,
                RecordingEdge.Sent::operation, RecordingEdge.Sent::kind)
                .contains(tuple("edge-1", "insert", "jointinferenceservice")));

        platform.report("pedestrian-detection-cloud", WorkerPhase.Running, 0, null);
        platform.report("pedestrian-detection-edge", WorkerPhase.Running, 0, null);

        eventually(() -> {
            assertThat(last().type).isEqualTo("Running");
            assertThat(service().status.active).isEqualTo(2);
            assertThat(last().lastTransitionTime).isEqualTo("2026-03-01T12:00:00Z");
        });
        Frame insert = edge.sent("pedestrian-detection").get(0).frame();
        assertThat(insert.header().namespace()).isEqualTo("default");
        assertThat(insert.content(JointInferenceService.class).spec.edgeWorker.model.name)
                .isEqualTo("pedestrian-edge-model");
    }

    @Test
    void aWorkerFailedBeyondItsLimitFailsTheServiceWithItsMessageAndItRecoversWhenTheWorkerRunsAgain() {
        start();
        store.createAll(jointInference);
        eventually(() -> assertThat(platform.planned(JI)).hasSize(2));
        platform.report("pedestrian-detection-cloud", WorkerPhase.Running, 0, null);

        platform.report("pedestrian-detection-edge", WorkerPhase.Failed, 6, "exited with code 3: no camera");

        eventually(() -> {
            assertThat(last().type).isEqualTo("Failed");
            assertThat(last().reason).isEqualTo("WorkerFailed");
            assertThat(last().message).contains("pedestrian-detection-edge", "node edge-1", "no camera");
        });

        platform.report("pedestrian-detection-edge", WorkerPhase.Running, 0, null);

        eventually(() -> assertThat(service().status.conditions).extracting(c -> c.type)
                .endsWith("Failed", "Running"));
    }

    @Test
    void deletingStopsTheWorkersAndTakesTheResourceBackFromItsNode() {
        start();
        store.createAll(jointInference);
        eventually(() -> assertThat(platform.planned(JI)).hasSize(2));
        eventually(() -> assertThat(edge.sent("pedestrian-detection")).isNotEmpty());

        store.delete(Kind.JOINT_INFERENCE_SERVICE, "default", "pedestrian-detection");

        eventually(() -> {
            assertThat(platform.planned(JI)).isEmpty();
            assertThat(platform.stopped()).contains("pedestrian-detection-cloud", "pedestrian-detection-edge");
            assertThat(edge.sent("pedestrian-detection")).last().extracting(RecordingEdge.Sent::node,
                    RecordingEdge.Sent::operation).containsExactly("edge-1", "delete");
        });
    }

    @Test
    void workersOfAResourceDeletedWhileTheEngineWasStoppedAreStoppedAtTheNextResync() {
        start();
        store.createAll(jointInference);
        eventually(() -> assertThat(platform.planned(JI)).hasSize(2));
        engine.close();

        store.delete(Kind.JOINT_INFERENCE_SERVICE, "default", "pedestrian-detection"); // no engine sees this event
        start(); // a new engine, as after a GM restart: its first resync finds the orphaned workers

        eventually(() -> {
            assertThat(platform.planned(JI)).isEmpty();
            assertThat(platform.stopped()).contains("pedestrian-detection-cloud", "pedestrian-detection-edge");
        });
    }

    @Test
    void anUnknownNodeIsReportedAndTheWorkersAppearWhenThatNodeRegisters() {
        start();
        service(jointInference).spec.edgeWorker.template.spec.nodeName = "edge-9";
        store.createAll(jointInference);

        eventually(() -> {
            assertThat(last().reason).isEqualTo("NodeNotFound");
            assertThat(last().message).contains("\"edge-9\"", "cloud, edge-1, edge-2");
        });
        assertThat(platform.planned(JI)).isEmpty();

        nodes.put(FakeNodes.readyNode("edge-9"));

        eventually(() -> assertThat(platform.planned(JI)).extracting(WorkerSpec::node).contains("edge-9"));
        eventually(() -> assertThat(last().reason).isEqualTo("WorkersStarting"));
    }

    @Test
    void aMissingModelIsReportedAndResolvedAsSoonAsTheModelIsCreated() {
        start();
        store.create(service(jointInference));

        eventually(() -> assertThat(last().reason).isEqualTo("ModelNotFound"));

        jointInference.stream().filter(Model.class::isInstance).forEach(store::create);

        // well before the 10 s retry: the Model's creation wakes the services that looked for it
        eventually(() -> assertThat(platform.planned(JI)).hasSize(2));
        eventually(() -> assertThat(last().reason).isEqualTo("WorkersStarting"));
    }

    @Test
    void aSenderWaitingForItsReceiverIsWokenWhenAResourceOfThatKindAppears() {
        start();
        List<Resource<?, ?>> rest = Fixtures.parse("""
                apiVersion: sedna.io/v1alpha1
                kind: Model
                metadata: {name: features}
                spec: {url: builtin/appearance-descriptor, format: builtin}
                ---
                apiVersion: sedna.io/v1alpha1
                kind: FeatureExtractionService
                metadata: {name: features}
                spec:
                  kafkaSupport: false
                  model: {name: features}
                  selector: {matchLabels: {app: fe}}
                  template:
                    metadata: {labels: {app: fe}}
                    spec:
                      containers: [{name: fe, image: sedna4j/feature-extraction}]
                ---
                apiVersion: sedna.io/v1alpha1
                kind: ReidJob
                metadata: {name: find}
                spec:
                  kafkaSupport: false
                  template:
                    spec:
                      containers: [{name: reid, image: sedna4j/reid}]
                """);
        String fe = "FeatureExtractionService/default/features";
        rest.stream().filter(r -> !(r instanceof io.sedna4j.api.v1alpha1.ReidJob)).forEach(store::create);

        eventually(() -> assertThat(store.get(Kind.FEATURE_EXTRACTION_SERVICE, "default", "features")
                .map(r -> ((ServiceStatus) r.status)).map(st -> st.conditions).orElse(List.of())).last()
                .satisfies(c -> assertThat(c.reason).isEqualTo("ReceiverNotFound")));

        rest.stream().filter(io.sedna4j.api.v1alpha1.ReidJob.class::isInstance).forEach(store::create);

        // well before the 10 s retry: a ReidJob created in the namespace wakes the service that listed them
        eventually(() -> assertThat(platform.planned(fe)).singleElement().satisfies(w ->
                assertThat(w.template().spec.containers.get(0).env).anySatisfy(v -> {
                    assertThat(v.name).isEqualTo("ENRICHED_OBJECT_URL");
                    assertThat(v.value).isEqualTo("http://cloud.example:6001");
                })));
    }

    @Test
    void aControllerThatThrowsIsRetriedWithBackoffAndDoesNotHoldUpOtherResources() {
        List<Long> attempts = new ArrayList<>();
        Controller<Model> flaky = new Controller<>() {
            @Override
            public Kind kind() {
                return Kind.MODEL;
            }

            @Override
            public Plan reconcile(Model model, Observed observed) {
                synchronized (attempts) {
                    attempts.add(System.nanoTime());
                    if (attempts.size() <= 3) {
                        throw new IllegalStateException("boom " + attempts.size());
                    }
                }
                return Plan.none();
            }
        };
        // stored before the start, so that only the first resync and the retries reconcile them
        store.create(first(jointInference, Model.class));
        store.create(first(example("incremental-learning"), Dataset.class));

        start(List.of(flaky, new DatasetController()), Duration.ofSeconds(30));

        eventually(() -> assertThat(edge.sent("collected-samples")).isNotEmpty());
        eventually(() -> assertThat(attempts).hasSize(4));
        synchronized (attempts) {
            assertThat(gapMillis(attempts, 0)).isGreaterThanOrEqualTo(20);
            assertThat(gapMillis(attempts, 1)).isGreaterThanOrEqualTo(40);
            assertThat(gapMillis(attempts, 2)).isGreaterThanOrEqualTo(80);
        }
        assertThat(engine.metrics().errors()).isEqualTo(3);
        assertThat(engine.metrics().reconciles()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void aJointInferenceServicesStatisticsFromItsNodeBecomeItsMetrics() {
        start();
        store.createAll(jointInference);
        eventually(() -> assertThat(last()).isNotNull());

        edge.deliver("edge-1", status("jointinferenceservice", "pedestrian-detection", Map.of("phase", "inference",
                "status", "running", "output", Map.of("ownerInfo", Map.of("inferenceNumber", 40,
                        "hardExampleNumber", 4, "uploadCloudRatio", 0.1)))));

        eventually(() -> assertThat(service().status.metrics).extracting(m -> m.key + "=" + m.value)
                .containsExactlyInAnyOrder("inferenceNumber=40", "hardExampleNumber=4", "uploadCloudRatio=0.1"));
    }

    @Test
    void aDatasetGoesToItsNodeAndTakesTheSampleCountItReports() {
        start();
        store.create(first(example("incremental-learning"), Dataset.class));
        eventually(() -> assertThat(edge.sent("collected-samples")).extracting(RecordingEdge.Sent::node,
                RecordingEdge.Sent::operation).containsExactly(tuple("edge-1", "insert")));

        edge.deliver("edge-1", status("dataset", "collected-samples", Map.of("numberOfSamples", 512)));

        Dataset ds = (Dataset) store.get(Kind.DATASET, "default", "collected-samples").orElseThrow();
        assertThat(ds.status.numberOfSamples).isEqualTo(512);
        assertThat(ds.status.updateTime).isEqualTo("2026-03-01T12:00:00Z");
    }

    @Test
    void upstreamFramesAboutUnknownKindsOrResourcesOrWithBadContentAreDroppedNotThrown() {
        start();
        store.create(first(example("incremental-learning"), Dataset.class));

        assertThatCode(() -> {
            edge.deliver("edge-1", status("nosuchkind", "x", Map.of("numberOfSamples", 1)));
            edge.deliver("edge-1", status("dataset", "no-such-dataset", Map.of("numberOfSamples", 1)));
            edge.deliver("edge-1", new Frame(new Frame.Header("default", "dataset", "collected-samples",
                    Operation.STATUS), "not base64 json!", 7L, null));
            edge.deliver("edge-1", status("dataset", "collected-samples", List.of(1, 2)));
            edge.deliver("edge-1", new Frame(null, null, null, 3L));
        }).doesNotThrowAnyException();

        assertThat(store.get(Kind.DATASET, "default", "collected-samples").orElseThrow().status).isNull();
    }

    @Test
    void statusWritesThatLoseARaceAreRetried() {
        start();
        store.create(first(example("incremental-learning"), Dataset.class));
        store.injectConflicts(2);

        edge.deliver("edge-1", status("dataset", "collected-samples", Map.of("numberOfSamples", 9)));

        assertThat(((Dataset) store.get(Kind.DATASET, "default", "collected-samples").orElseThrow())
                .status.numberOfSamples).isEqualTo(9);

        store.injectConflicts(1);
        store.createAll(jointInference);
        eventually(() -> assertThat(last()).isNotNull());
    }

    @Test
    void aResourceIsSentToItsNodeOnceUntilItChangesAndMovesWithItsNode() throws InterruptedException {
        start(Controllers.standard(), Duration.ofMillis(20));
        Dataset ds = first(example("incremental-learning"), Dataset.class);
        store.create(ds);
        eventually(() -> assertThat(engine.metrics().reconciles()).isGreaterThan(10)); // several resyncs

        assertThat(edge.sent("collected-samples")).hasSize(1);

        Dataset moved = (Dataset) store.get(Kind.DATASET, "default", "collected-samples").orElseThrow();
        moved.spec.nodeName = "edge-2";
        store.update(moved);

        eventually(() -> assertThat(edge.sent("collected-samples")).extracting(RecordingEdge.Sent::node,
                RecordingEdge.Sent::operation).containsExactly(tuple("edge-1", "insert"), tuple("edge-1", "delete"),
                tuple("edge-2", "insert")));
    }

    @Test
    void aStatusChangeAloneIsNotSentToTheNodesAgain() {
        start();
        store.createAll(jointInference);
        eventually(() -> assertThat(platform.planned(JI)).hasSize(2));
        platform.report("pedestrian-detection-cloud", WorkerPhase.Running, 0, "started");
        platform.report("pedestrian-detection-edge", WorkerPhase.Running, 0, "started");
        eventually(() -> assertThat(last().type).isEqualTo("Running"));

        // Pending then Running were written, but the edge node got the service once: its spec did not change
        assertThat(edge.sent("pedestrian-detection")).extracting(RecordingEdge.Sent::operation).containsExactly("insert");
    }

    @Test
    void anIncrementalLearningJobGoesToItsDatasetsNodeAfterTheModelsItNeeds() {
        start();
        List<Resource<?, ?>> il = example("incremental-learning");
        store.createAll(il);

        eventually(() -> assertThat(edge.sent().stream().filter(s -> s.node().equals("edge-1"))
                .map(s -> s.kind() + "/" + s.name()).toList())
                .containsSubsequence("model/initial-model", "incrementallearningjob/classifier-upkeep")
                .containsSubsequence("model/deployed-model", "incrementallearningjob/classifier-upkeep"));
        eventually(() -> assertThat(platform.planned("IncrementalLearningJob/default/classifier-upkeep"))
                .extracting(WorkerSpec::name).containsExactly("classifier-upkeep-inference"));
    }

    @Test
    void resourcesStoredBeforeTheEngineStartsAreReconciledAndASpecChangeReplansThem() {
        store.createAll(jointInference);
        start();
        eventually(() -> assertThat(platform.planned(JI)).hasSize(2));

        JointInferenceService svc = service();
        svc.spec.edgeWorker.hardExampleMining.name = "CrossEntropy";
        store.update(svc);

        eventually(() -> assertThat(platform.planned(JI)).allSatisfy(w -> assertThat(w.owner().generation()).isEqualTo(2))
                .anySatisfy(w -> assertThat(Fixtures.env(w)).containsEntry("HEM_NAME", "CrossEntropy")));
    }

    @Test
    void oneResourceIsNeverReconciledTwiceAtOnceAndItsLastChangeIsSeen() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Controller<Model> slow = new Controller<>() {
            @Override
            public Kind kind() {
                return Kind.MODEL;
            }

            @Override
            public Plan reconcile(Model model, Observed observed) {
                maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                seen.add(model.spec.url);
                inFlight.decrementAndGet();
                return Plan.none();
            }
        };
        start(List.of(slow), Duration.ofSeconds(30));
        Model model = (Model) store.create(first(jointInference, Model.class));

        for (int i = 0; i < 20; i++) {
            model.metadata.resourceVersion = null;
            model.spec.url = "models/v" + i;
            store.update(model);
        }

        eventually(() -> assertThat(seen).last().isEqualTo("models/v19"));
        assertThat(maxInFlight.get()).isEqualTo(1);
    }

    @Test
    void aNodeThatGoesNotReadyKeepsItsWorkersAndTheStatusSaysSo() {
        start();
        store.createAll(jointInference);
        eventually(() -> assertThat(platform.planned(JI)).hasSize(2));
        platform.report("pedestrian-detection-cloud", WorkerPhase.Running, 0, null);
        platform.report("pedestrian-detection-edge", WorkerPhase.Running, 0, null);
        eventually(() -> assertThat(last().type).isEqualTo("Running"));
        int starts = platform.starts();

        nodes.put(FakeNodes.node("edge-1", false, Map.of()));

        eventually(() -> assertThat(last().message).contains("node edge-1 is NotReady"));
        assertThat(last().type).isEqualTo("Running");
        assertThat(platform.planned(JI)).extracting(WorkerSpec::node).containsExactly("cloud", "edge-1");
        assertThat(platform.starts()).as("no worker was replaced").isEqualTo(starts);
    }

    @Test
    void anIncrementalLearningRoundStartsWhenTheLocalControllerReportsTheStageReady() {
        start();
        store.createAll(example("incremental-learning"));
        String il = "IncrementalLearningJob/default/classifier-upkeep";
        eventually(() -> assertThat(platform.planned(il)).hasSize(1));

        edge.deliver("edge-1", status("incrementallearningjob", "classifier-upkeep", Map.of("phase", "Train",
                "status", "Ready", "input", Map.of("outputDir", "out/train/1", "dataURL", "out/data/train/1/data.txt"))));

        eventually(() -> assertThat(platform.planned(il)).extracting(WorkerSpec::name, WorkerSpec::node)
                .contains(tuple("classifier-upkeep-train-1", "cloud")));
        platform.report("classifier-upkeep-train-1", WorkerPhase.Running, 0, null);
        eventually(() -> assertThat(stages(il)).endsWith("Train/Ready", "Train/Starting", "Train/Running"));
        eventually(() -> assertThat(edge.sent("classifier-upkeep")).extracting(RecordingEdge.Sent::node)
                .contains("edge-1", "cloud"));
        platform.report("classifier-upkeep-train-1", WorkerPhase.Succeeded, 0, null);
        eventually(() -> assertThat(stages(il)).endsWith("Train/Completed", "Eval/Waiting"));
        eventually(() -> assertThat(platform.stopped()).contains("classifier-upkeep-train-1"));
        eventually(() -> assertThat(edge.sent("classifier-upkeep")).extracting(RecordingEdge.Sent::node,
                RecordingEdge.Sent::operation).contains(tuple("cloud", "delete")).last()
                .isEqualTo(tuple("edge-1", "insert")));
    }

    private List<String> stages(String key) {
        String[] k = key.split("/");
        var job = (io.sedna4j.api.v1alpha1.IncrementalLearningJob) store.get(Kind.INCREMENTAL_LEARNING_JOB, k[1], k[2])
                .orElseThrow();
        return job.status == null ? List.of() : job.status.conditions.stream().map(c -> c.stage + "/" + c.type).toList();
    }

    @Test
    void twoControllersForOneKindAreRefused() {
        assertThatThrownBy(() -> new ReconcileEngine(store, platform, nodes, edge,
                List.of(new DatasetController(), new DatasetController()), EngineOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Dataset");
    }

    private static long gapMillis(List<Long> times, int i) {
        return (times.get(i + 1) - times.get(i)) / 1_000_000;
    }

    private static Frame status(String kind, String name, Object content) {
        String json = ResourceCodec.toJson(content);
        return new Frame(new Frame.Header("default", kind, name, Operation.STATUS),
                Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)), 1L, null);
    }

    private JointInferenceService service() {
        return (JointInferenceService) store.get(Kind.JOINT_INFERENCE_SERVICE, "default", "pedestrian-detection")
                .orElseThrow();
    }

    private static JointInferenceService service(List<Resource<?, ?>> resources) {
        return first(resources, JointInferenceService.class);
    }

    private Condition last() {
        ServiceStatus status = service().status;
        assertThat(status).isNotNull();
        assertThat(status.conditions).isNotEmpty();
        return status.conditions.get(status.conditions.size() - 1);
    }
}
