package io.sedna4j.control.controllers;

import static io.sedna4j.control.testing.Fixtures.all;
import static io.sedna4j.control.testing.Fixtures.env;
import static io.sedna4j.control.testing.Fixtures.example;
import static io.sedna4j.control.testing.Fixtures.first;
import static io.sedna4j.control.testing.Fixtures.nodes;
import static io.sedna4j.control.testing.Fixtures.observed;
import static io.sedna4j.control.testing.Fixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.sedna4j.api.link.WorkerPhase;
import io.sedna4j.api.link.WorkerSpec;
import io.sedna4j.api.v1alpha1.FeatureExtractionService;
import io.sedna4j.api.v1alpha1.ObjectSearchService;
import io.sedna4j.api.v1alpha1.ObjectTrackingService;
import io.sedna4j.api.v1alpha1.ReidJob;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.api.v1alpha1.VideoAnalyticsJob;
import io.sedna4j.control.engine.Plan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Video analytics, feature extraction, ReID, object search and object tracking. */
class MultiEdgeInferenceControllersTest {
    private final List<Resource<?, ?>> reid = example("reid");

    @Test
    void videoAnalyticsRunsOneWorkerWithTheJobsBackoffLimitAndRestartPolicyAndCompletes() {
        VideoAnalyticsJob job = first(reid, VideoAnalyticsJob.class);
        var controller = new VideoAnalyticsController(new Streaming("127.0.0.1", 39092));

        Plan plan = controller.reconcile(job, observed(List.of(), nodes(), reid));

        WorkerSpec w = plan.workers().get(0);
        assertThat(plan.workers()).hasSize(1);
        assertThat(w.name()).isEqualTo("camera-1-videoanalytics");
        assertThat(w.node()).isEqualTo("edge-1");
        assertThat(w.restartPolicy()).isEqualTo("Never");
        assertThat(w.backoffLimit()).isEqualTo(5);
        assertThat(env(w)).containsEntry("JOB_NAME", "camera-1").containsEntry("MODEL_NAME", "pedestrian-detector")
                .containsEntry("MODEL_URL", "models/pedestrian-detector.onnx").containsEntry("KAFKA_ENABLED", "true")
                .containsEntry("fps", "5").containsKey("hostname")
                .containsEntry("KAFKA_BIND_IPS", "127.0.0.1").containsEntry("KAFKA_BIND_PORTS", "39092");
        assertThat(job.status.conditions).extracting(c -> c.type).containsExactly("Starting");

        controller.reconcile(job, observed(all(plan.workers(), WorkerPhase.Running), nodes(), reid));
        controller.reconcile(job, observed(all(plan.workers(), WorkerPhase.Succeeded), nodes(), reid));

        assertThat(job.status.conditions).extracting(c -> c.type).containsExactly("Starting", "Running", "Completed");
        assertThat(job.status.phase).isEqualTo("Succeeded");
        assertThat(job.status.completionTime).isNotNull();
    }

    @Test
    void reidRunsOneCloudWorkerWithoutAModel() {
        ReidJob job = first(reid, ReidJob.class);

        Plan plan = new ReidController(Streaming.NONE).reconcile(job, observed(List.of(), nodes(), List.of()));

        assertThat(plan.workers()).extracting(WorkerSpec::name, WorkerSpec::node, WorkerSpec::restartPolicy)
                .containsExactly(tuple("find-person-reid", "cloud", "Never"));
        assertThat(env(plan.workers().get(0))).containsEntry("KAFKA_ENABLED", "true").doesNotContainKey("MODEL_URL");
    }

    @Test
    void featureExtractionRunsItsReplicasWithTheModel() {
        FeatureExtractionService svc = first(reid, FeatureExtractionService.class);
        svc.spec.replicas = 2;
        svc.spec.template.spec.nodeName = null;

        Plan plan = new FeatureExtractionController(Streaming.NONE).reconcile(svc, observed(List.of(), nodes(), reid));

        assertThat(plan.workers()).extracting(WorkerSpec::name, WorkerSpec::node, WorkerSpec::restartPolicy)
                .containsExactly(tuple("feature-extraction-fe-0", "cloud", "Always"),
                        tuple("feature-extraction-fe-1", "cloud", "Always"));
        assertThat(env(plan.workers().get(1))).containsEntry("SERVICE_NAME", "feature-extraction")
                .containsEntry("MODEL_URL", "models/appearance-features.onnx").containsEntry("KAFKA_ENABLED", "true")
                .containsEntry("input_shape", "256,128");
    }

    @Test
    void withoutKafkaTheControllersGiveEachSenderItsReceiversUrlAndEachReceiverItsPort() {
        List<Resource<?, ?>> rest = restExample();
        VideoAnalyticsJob camera = first(rest, VideoAnalyticsJob.class);
        FeatureExtractionService fe = first(rest, FeatureExtractionService.class);
        ReidJob reidJob = first(rest, ReidJob.class);

        WorkerSpec va = new VideoAnalyticsController(Streaming.NONE).reconcile(camera,
                observed(List.of(), nodes(), rest)).workers().get(0);
        WorkerSpec fe0 = new FeatureExtractionController(Streaming.NONE).reconcile(fe,
                observed(List.of(), nodes(), rest)).workers().get(0);
        WorkerSpec reidWorker = new ReidController(Streaming.NONE).reconcile(reidJob,
                observed(List.of(), nodes(), rest)).workers().get(0);

        // the hand-set URL of the manifest is replaced by the one of the service's worker (node cloud, port 6000)
        assertThat(env(va)).containsEntry("KAFKA_ENABLED", "false")
                .containsEntry("OBJECT_DETECTION_URL", "http://cloud.example:6000")
                .containsEntry("ENRICHED_OBJECT_URL", "http://cloud.example:7001")
                .containsEntry("FEATURE_MODEL_URL", "builtin/appearance-descriptor");
        assertThat(env(fe0)).containsEntry("ENRICHED_OBJECT_URL", "http://cloud.example:7001")
                .containsEntry("STREAM_BIND_PORT", "6000");
        assertThat(env(reidWorker)).containsEntry("STREAM_BIND_PORT", "7001");
    }

    @Test
    void withoutKafkaAMissingOrAmbiguousReceiverBlocksTheSenderWithTheFix() {
        List<Resource<?, ?>> rest = restExample();
        VideoAnalyticsJob camera = first(rest, VideoAnalyticsJob.class);
        List<Resource<?, ?>> noFe = rest.stream().filter(r -> !(r instanceof FeatureExtractionService)).toList();

        Plan plan = new VideoAnalyticsController(Streaming.NONE).reconcile(camera, observed(List.of(), nodes(), noFe));

        assertThat(plan.workers()).isEmpty();
        assertThat(camera.status.conditions).singleElement().satisfies(c -> {
            assertThat(c.type).isEqualTo("Waiting");
            assertThat(c.reason).isEqualTo("ReceiverNotFound");
            assertThat(c.message).contains("FeatureExtractionService of namespace \"default\"")
                    .contains("OBJECT_DETECTION_URL").contains("fix: create it");
        });

        FeatureExtractionService other = first(restExample(), FeatureExtractionService.class);
        other.metadata.name = "other-features";
        List<Resource<?, ?>> two = new java.util.ArrayList<>(rest);
        two.add(other);
        FeatureExtractionService fe = first(rest, FeatureExtractionService.class);
        new FeatureExtractionController(Streaming.NONE).reconcile(fe, observed(List.of(), nodes(), noReid(two)));
        assertThat(fe.status.conditions).last().satisfies(c -> assertThat(c.message)
                .contains("ReidJob of namespace \"default\"").contains("there is none"));
        VideoAnalyticsJob again = first(restExample(), VideoAnalyticsJob.class);
        new VideoAnalyticsController(Streaming.NONE).reconcile(again, observed(List.of(), nodes(), two));
        assertThat(again.status.conditions).last().satisfies(c -> assertThat(c.message)
                .contains("holds 2 FeatureExtractionServices (features, other-features)").contains("keep one"));
    }

    @Test
    void videoAnalyticsAndReidJobsShowTheirWorkersReportsAsMetrics() {
        VideoAnalyticsJob job = first(reid, VideoAnalyticsJob.class);
        var report = new io.sedna4j.api.link.UpstreamMessage(null, null, null, com.fasterxml.jackson.databind.node
                .JsonNodeFactory.instance.objectNode().set("ownerInfo", com.fasterxml.jackson.databind.node
                .JsonNodeFactory.instance.objectNode().put("frames", 25).put("fps", "4.8")
                .put("featureExtraction", "cloud").put("updateTime", "now")));

        boolean changed = new VideoAnalyticsController(Streaming.NONE).onUpstream(job, "edge-1", report,
                observed(List.of(), nodes(), reid));

        assertThat(changed).isTrue();
        assertThat(job.status.metrics).extracting(m -> m.key + "=" + m.value)
                .containsExactly("frames=25", "fps=4.8", "featureExtraction=cloud");
        assertThat(new VideoAnalyticsController(Streaming.NONE).onUpstream(job, "edge-1", report,
                observed(List.of(), nodes(), reid))).isFalse();
    }

    private static List<Resource<?, ?>> noReid(List<Resource<?, ?>> all) {
        return all.stream().filter(r -> !(r instanceof ReidJob)).toList();
    }

    /** The demo's three kinds with kafkaSupport: false, a hand-set URL to be replaced, and a ReID port of 7001. */
    private static List<Resource<?, ?>> restExample() {
        return parse("""
                apiVersion: sedna.io/v1alpha1
                kind: Model
                metadata: {name: features}
                spec: {url: builtin/appearance-descriptor, format: builtin}
                ---
                apiVersion: sedna.io/v1alpha1
                kind: Model
                metadata: {name: detector}
                spec: {url: opencv/hog-people-detector, format: opencv-hog}
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
                      containers: [{name: reid, image: sedna4j/reid, ports: [{containerPort: 7001}]}]
                ---
                apiVersion: sedna.io/v1alpha1
                kind: VideoAnalyticsJob
                metadata: {name: cam-1}
                spec:
                  kafkaSupport: false
                  model: {name: detector}
                  template:
                    spec:
                      nodeName: edge-1
                      containers:
                        - name: va
                          image: sedna4j/video-analytics
                          env: [{name: OBJECT_DETECTION_URL, value: "http://127.0.0.1:9999"}]
                """);
    }

    @Test
    void objectSearchRunsUserTrackingAndReidWorkersThatFindEachOther() {
        ObjectSearchService svc = first(parse("""
                apiVersion: sedna.io/v1alpha1
                kind: ObjectSearchService
                metadata: {name: search}
                spec:
                  userWorker:
                    template:
                      spec:
                        containers: [{name: user, image: sedna4j/search-user}]
                  trackingWorkers:
                    - template:
                        spec:
                          nodeName: edge-1
                          containers: [{name: track, image: sedna4j/tracking}]
                    - template:
                        spec:
                          nodeName: edge-2
                          containers: [{name: track, image: sedna4j/tracking}]
                  reidWorkers:
                    replicas: 2
                    selector: {matchLabels: {app: reid}}
                    template:
                      metadata: {labels: {app: reid}}
                      spec:
                        containers: [{name: reid, image: sedna4j/reid, ports: [{containerPort: 9400}]}]
                """), ObjectSearchService.class);
        var controller = new ObjectSearchController();

        Plan plan = controller.reconcile(svc, observed(List.of(), nodes(), List.of()));

        assertThat(plan.workers()).extracting(WorkerSpec::name, WorkerSpec::node).containsExactly(
                tuple("search-reidworker-0", "cloud"), tuple("search-reidworker-1", "cloud"),
                tuple("search-userworker", "cloud"), tuple("search-trackingworker-0", "edge-1"),
                tuple("search-trackingworker-1", "edge-2"));
        assertThat(env(plan.workers().get(4))).containsEntry("USERWORKER_URL", "cloud.example:9379")
                .containsEntry("EDGEMESH_URL", "cloud.example:9400").containsEntry("SERVICE_NAME", "search");

        controller.reconcile(svc, observed(all(plan.workers(), WorkerPhase.Running), nodes(), List.of()));

        assertThat(svc.status.conditions).extracting(c -> c.type).containsExactly("Pending", "Running");
        assertThat(svc.status.active).isEqualTo(5);
    }

    @Test
    void objectTrackingRunsTrackingAndReidWorkers() {
        ObjectTrackingService svc = first(parse("""
                apiVersion: sedna.io/v1alpha1
                kind: ObjectTrackingService
                metadata: {name: tracking}
                spec:
                  trackingWorkers:
                    - template:
                        spec:
                          nodeName: edge-2
                          containers: [{name: track, image: sedna4j/tracking}]
                  reidWorkers:
                    selector: {matchLabels: {app: reid}}
                    template:
                      metadata: {labels: {app: reid}}
                      spec:
                        containers: [{name: reid, image: sedna4j/reid}]
                """), ObjectTrackingService.class);

        Plan plan = new ObjectTrackingController().reconcile(svc, observed(List.of(), nodes(), List.of()));

        assertThat(plan.workers()).extracting(WorkerSpec::name, WorkerSpec::node).containsExactly(
                tuple("tracking-reidworker-0", "cloud"), tuple("tracking-trackingworker-0", "edge-2"));
        assertThat(env(plan.workers().get(1))).containsEntry("EDGEMESH_URL", "cloud.example:9378")
                .doesNotContainKey("USERWORKER_URL");
    }
}
