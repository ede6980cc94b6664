package io.sedna4j.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.sedna4j.api.Manifest;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.Resource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Pod platform under the GM's engine, with the test in the kubelet's place: Pod phases drive the resource's
 * status through Sedna's state machine, a deleted Pod comes back after a backoff, a deleted resource loses its
 * workers, and the model URLs are made available in the containers.
 */
class KubernetesWorkersTest {
    private final MockCluster cluster = new MockCluster();

    @AfterEach
    void close() {
        cluster.close();
    }

    private static final String JOINT_INFERENCE = """
            apiVersion: sedna.io/v1alpha1
            kind: Model
            metadata: {name: big}
            spec: {url: /models/big/yolo.onnx, format: onnx}
            ---
            apiVersion: sedna.io/v1alpha1
            kind: Model
            metadata: {name: little}
            spec: {url: "s3://models/little/model.onnx", format: onnx}
            ---
            apiVersion: sedna.io/v1alpha1
            kind: JointInferenceService
            metadata: {name: helmet}
            spec:
              edgeWorker:
                model: {name: little}
                hardExampleMining: {name: IBT}
                template:
                  spec:
                    nodeName: edge-1
                    containers: [{name: edge, image: sedna4j/joint-inference-edge}]
              cloudWorker:
                model: {name: big}
                template:
                  spec:
                    nodeName: cloud
                    containers: [{name: cloud, image: sedna4j/joint-inference-cloud}]
            """;

    private static final String FEDERATED = """
            apiVersion: sedna.io/v1alpha1
            kind: Dataset
            metadata: {name: images}
            spec: {url: /data/images/index.txt, format: txt, nodeName: edge-1}
            ---
            apiVersion: sedna.io/v1alpha1
            kind: Model
            metadata: {name: classifier}
            spec: {url: /models/classifier/, format: pt}
            ---
            apiVersion: sedna.io/v1alpha1
            kind: FederatedLearningJob
            metadata: {name: fl}
            spec:
              aggregationWorker:
                model: {name: classifier}
                template:
                  spec:
                    nodeName: cloud
                    containers: [{name: agg, image: sedna4j/federated-learning-aggregator}]
              trainingWorkers:
                - dataset: {name: images}
                  template:
                    spec:
                      nodeName: edge-1
                      containers: [{name: train, image: sedna4j/federated-learning-trainer}]
            """;

    private MockCluster.Gm apply(String yaml) {
        return apply(yaml, Duration.ofMillis(300));
    }

    private MockCluster.Gm apply(String yaml, Duration backoff) {
        cluster.node("cloud", Map.of());
        cluster.node("edge-1", Map.of("node-role.kubernetes.io/edge", ""));
        MockCluster.Gm gm = cluster.gm(backoff);
        for (Resource<?, ?> r : Manifest.parse("test.yaml", yaml).resourcesOrThrow()) {
            gm.store().create(r);
        }
        gm.engine().start();
        return gm;
    }

    @Test
    void jointInferenceRunsAsDeploymentsWithTheCloudServiceAndTheModelsInTheContainers() {
        apply(JOINT_INFERENCE);
        Await.until(() -> deployment("helmet-edge") != null && deployment("helmet-cloud") != null
                && cluster.client.services().inNamespace("default").withName("helmet-cloud").get() != null);

        var cloud = deployment("helmet-cloud").getSpec().getTemplate().getSpec();
        var cloudEnv = KubernetesSamplesTest.env(cloud.getContainers().get(0));
        assertThat(cloud.getNodeName()).isEqualTo("cloud");
        // a host path: its directory is mounted under /home/data, as Sedna does
        assertThat(cloudEnv).containsEntry("MODEL_URL", "/home/data/models/big/yolo.onnx")
                .containsEntry("DATA_PATH_PREFIX", "/home/data").containsEntry("BIG_MODEL_BIND_PORT", "5000");
        assertThat(cloud.getVolumes()).extracting(Volume::getHostPath).extracting(h -> h.getPath())
                .containsExactly("/models/big");
        assertThat(cloud.getContainers().get(0).getVolumeMounts()).extracting(m -> m.getMountPath())
                .containsExactly("/home/data/models/big");

        var edge = deployment("helmet-edge").getSpec().getTemplate().getSpec();
        var edgeEnv = KubernetesSamplesTest.env(edge.getContainers().get(0));
        String cloudAddress = cluster.client.nodes().withName("cloud").get().getStatus().getAddresses().get(0)
                .getAddress();
        // an s3 URL: downloaded by the storage initializer into /downloads/<bucket>/<path>
        assertThat(edgeEnv).containsEntry("MODEL_URL", "/downloads/models/little/model.onnx")
                .containsEntry("BIG_MODEL_IP", cloudAddress).containsEntry("BIG_MODEL_PORT", "5000")
                .containsEntry("HEM_NAME", "IBT").containsEntry("SERVICE_NAME", "helmet");
        assertThat(edge.getNodeName()).isEqualTo("edge-1");
        assertThat(edge.getInitContainers()).singleElement().satisfies(init -> {
            assertThat(init.getName()).isEqualTo("storage-initializer");
            assertThat(init.getArgs()).containsExactly("s3://models/little/model.onnx", "/downloads/models/little");
        });
        assertThat(edge.getContainers().get(0).getVolumeMounts()).singleElement()
                .satisfies(m -> assertThat(m.getReadOnly()).isTrue());

        var service = cluster.client.services().inNamespace("default").withName("helmet-cloud").get();
        assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(5000);
        assertThat(service.getSpec().getSelector()).containsEntry("jointinferenceservice.sedna.io/worker-type",
                "cloud");
    }

    @Test
    void aModelsCredentialNameReachesTheInitializerAsSecretKeyRefsAndNoSecretValueIsCopied() throws Exception {
        cluster.client.secrets().inNamespace("default").resource(new SecretBuilder().withNewMetadata()
                .withName("minio-creds").endMetadata().withStringData(Map.of("S3_ENDPOINT_URL", "http://minio:9000",
                        "ACCESS_KEY_ID", "AKIA-PROBE", "SECRET_ACCESS_KEY", "s3cr3t-probe")).build()).create();
        String little = "{url: \"s3://models/little/model.onnx\", format: onnx";
        MockCluster.Gm gm = apply(JOINT_INFERENCE.replace(little, little + ", credentialName: minio-creds"));
        Await.until(() -> deployment("helmet-edge") != null && deployment("helmet-cloud") != null);

        var edge = deployment("helmet-edge").getSpec().getTemplate().getSpec();
        assertThat(edge.getInitContainers().get(0).getEnv()).filteredOn(v -> v.getValueFrom() != null)
                .extracting(EnvVar::getName, v -> v.getValueFrom().getSecretKeyRef().getName(),
                        v -> v.getValueFrom().getSecretKeyRef().getKey(), EnvVar::getValue)
                .containsExactly(tuple("S3_ENDPOINT_URL", "minio-creds", "S3_ENDPOINT_URL", null),
                        tuple("ACCESS_KEY_ID", "minio-creds", "ACCESS_KEY_ID", null),
                        tuple("SECRET_ACCESS_KEY", "minio-creds", "SECRET_ACCESS_KEY", null));
        // the initializer downloads the model: the worker itself needs no keys
        assertThat(edge.getContainers().get(0).getEnv()).allSatisfy(v -> assertThat(v.getValueFrom()).isNull());
        // neither in the Pods nor in the resources the GM writes back
        String objects = ResourceCodec.json().writeValueAsString(List.of(deployment("helmet-edge"),
                deployment("helmet-cloud"), gm.store().get(Kind.MODEL, "default", "little").orElseThrow(),
                gm.store().get(Kind.JOINT_INFERENCE_SERVICE, "default", "helmet").orElseThrow()));
        assertThat(objects).doesNotContain("AKIA-PROBE").doesNotContain("s3cr3t-probe");
        // a Model without credentialName: no reference to any Secret
        assertThat(ResourceCodec.json().writeValueAsString(deployment("helmet-cloud"))).doesNotContain("secretKeyRef")
                .doesNotContain("minio-creds");
    }

    @Test
    void theS3TransmittersCredentialNameReachesTheWorkersThatWriteTheAggregationData() {
        apply(FEDERATED.replace("""
                spec:
                  aggregationWorker:""", """
                spec:
                  transmitter: {s3: {aggDataPath: "s3://fl/agg", credentialName: fl-creds}}
                  aggregationWorker:"""));
        Await.until(() -> pods().size() == 2);

        for (Pod pod : pods()) {
            assertThat(pod.getSpec().getInitContainers()).isNullOrEmpty();
            var container = pod.getSpec().getContainers().get(0);
            assertThat(KubernetesSamplesTest.env(container)).containsEntry("AGG_DATA_PATH", "s3://fl/agg");
            assertThat(container.getEnv()).filteredOn(v -> v.getValueFrom() != null)
                    .extracting(v -> v.getValueFrom().getSecretKeyRef().getName() + "/"
                            + v.getValueFrom().getSecretKeyRef().getKey())
                    .containsExactly("fl-creds/S3_ENDPOINT_URL", "fl-creds/ACCESS_KEY_ID",
                            "fl-creds/SECRET_ACCESS_KEY");
        }
    }

    @Test
    void podPhasesSetByTheKubeletDriveTheJobThroughSednasConditions() {
        MockCluster.Gm gm = apply(FEDERATED);
        Await.until(() -> pods().size() == 2);
        assertThat(pods()).extracting(p -> p.getSpec().getRestartPolicy()).containsOnly("OnFailure");
        Await.until(() -> lastCondition(gm).contains("\"type\":\"Pending\""), () -> lastCondition(gm));

        pods().forEach(p -> phase(p, "Running"));
        Await.until(() -> lastCondition(gm).contains("\"type\":\"Training\""), () -> lastCondition(gm));

        pods().forEach(p -> phase(p, "Succeeded"));
        Await.until(() -> lastCondition(gm).contains("\"type\":\"Complete\""), () -> lastCondition(gm));
        assertThat(ResourceCodec.toTree(job(gm)).path("status").path("phase").asText()).isEqualTo("Succeeded");
    }

    @Test
    void aFailedPodIsRestartedUpToTheBackoffLimitThenTheJobFails() {
        MockCluster.Gm gm = apply(FEDERATED, Duration.ofMillis(20));
        Await.until(() -> pods().size() == 2);
        int recreated = 0;
        while (!lastCondition(gm).contains("\"type\":\"Failed\"")) {
            String uid = pod("fl-train-0").getMetadata().getUid();
            phase(pod("fl-train-0"), "Failed");
            Await.until(() -> lastCondition(gm).contains("\"type\":\"Failed\"") || isNew(pod("fl-train-0"), uid),
                    () -> "fl-train-0 restarted");
            if (!lastCondition(gm).contains("\"type\":\"Failed\"")) {
                recreated++;
                assertThat(recreated).as("restarts").isLessThanOrEqualTo(6);
            }
        }
        // Workers.DEFAULT_BACKOFF_LIMIT: six restarts, then the seventh failure is final
        assertThat(recreated).isEqualTo(6);
        assertThat(lastCondition(gm)).contains("fl-train-0");
        assertThat(ResourceCodec.toTree(job(gm)).path("status").path("phase").asText()).isEqualTo("Failed");
    }

    @Test
    void aPodThatMustNotRestartFailsTheJobAtOnce() {
        MockCluster.Gm gm = apply(FEDERATED.replace("nodeName: edge-1\n", "nodeName: edge-1\n"
                + "          restartPolicy: Never\n"));
        Await.until(() -> pods().size() == 2);
        assertThat(pod("fl-train-0").getSpec().getRestartPolicy()).isEqualTo("Never");
        pods().forEach(p -> phase(p, "Running"));
        Await.until(() -> lastCondition(gm).contains("\"type\":\"Training\""), () -> lastCondition(gm));

        phase(pod("fl-train-0"), "Failed");

        Await.until(() -> lastCondition(gm).contains("\"type\":\"Failed\""), () -> lastCondition(gm));
        assertThat(lastCondition(gm)).contains("fl-train-0");
    }

    @Test
    void aDeletedPodIsCreatedAgainAfterABackoffAndADeletedResourceLosesItsWorkers() {
        MockCluster.Gm gm = apply(FEDERATED);
        Await.until(() -> pods().size() == 2);
        Pod agg = pod("fl-aggregation");
        long deletedAt = System.nanoTime();
        cluster.client.pods().inNamespace("default").withName("fl-aggregation").delete();

        Await.until(() -> isNew(pod("fl-aggregation"), agg.getMetadata().getUid()));
        assertThat(Duration.ofNanos(System.nanoTime() - deletedAt)).as("the backoff before recreating")
                .isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(pod("fl-aggregation").getMetadata().getOwnerReferences().get(0).getUid())
                .isEqualTo(job(gm).metadata.uid);

        // the mock has no garbage collector: the platform removes what it owns itself
        gm.store().delete(Kind.FEDERATED_LEARNING_JOB, "default", "fl");
        Await.until(() -> pods().isEmpty()
                && cluster.client.services().inNamespace("default").list().getItems().isEmpty(),
                () -> "pods left: " + pods().stream().map(p -> p.getMetadata().getName()).toList());
    }

    private static boolean isNew(Pod pod, String oldUid) {
        return pod != null && !pod.getMetadata().getUid().equals(oldUid);
    }

    private List<Pod> pods() {
        return cluster.client.pods().inNamespace("default").list().getItems();
    }

    private Pod pod(String name) {
        return cluster.client.pods().inNamespace("default").withName(name).get();
    }

    private Deployment deployment(String name) {
        return cluster.client.apps().deployments().inNamespace("default").withName(name).get();
    }

    /** What the kubelet does: writes the Pod's phase through its status subresource. */
    private void phase(Pod pod, String phase) {
        pod.setStatus(new PodStatusBuilder().withPhase(phase).build());
        cluster.client.pods().resource(pod).updateStatus();
    }

    private static Resource<?, ?> job(MockCluster.Gm gm) {
        return gm.store().get(Kind.FEDERATED_LEARNING_JOB, "default", "fl").orElseThrow();
    }

    private static String lastCondition(MockCluster.Gm gm) {
        var conditions = ResourceCodec.toTree(job(gm)).path("status").path("conditions");
        return conditions.isEmpty() ? "(no condition)" : conditions.get(conditions.size() - 1).toString();
    }
}
