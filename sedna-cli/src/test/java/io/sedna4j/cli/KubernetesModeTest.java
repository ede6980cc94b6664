package io.sedna4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.control.controllers.Streaming;
import io.sedna4j.gm.ClusterAdapters;
import io.sedna4j.gm.GlobalManager;
import io.sedna4j.gm.GmConfig;
import io.sedna4j.k8s.CustomResources;
import io.sedna4j.k8s.KubernetesCluster;
import io.sedna4j.k8s.LeaderElection;
import io.sedna4j.k8s.PlatformOptions;
import io.sedna4j.lc.LcConfig;
import io.sedna4j.lc.LocalController;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sedna gm --kubernetes} and {@code sedna lc --kubernetes} as wired by the CLI, against fabric8's CRUD mock
 * (no real API server can run here): a custom resource created the way kubectl would becomes Deployments; the LC,
 * without a launcher, relays a worker's report through the GM's link into the resource's status; /readyz says
 * which GM leads.
 */
class KubernetesModeTest {
    @TempDir
    Path dir;

    @Test
    void theGmReconcilesClusterResourcesAndTheLcRelaysWorkerReports() throws Exception {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        server.init();
        KubernetesClient client = server.createClient();
        try (client) {
            for (String crd : List.of("sedna.io_models.yaml", "sedna.io_jointinferenceservices.yaml")) {
                try (InputStream in = Files.newInputStream(Path.of("..", "deploy", "crds", crd))) {
                    client.resource(client.getKubernetesSerialization().unmarshal(in,
                            CustomResourceDefinition.class)).create();
                }
            }
            for (String node : List.of("cloud", "edge-1")) {
                client.nodes().resource(new NodeBuilder().withNewMetadata().withName(node).endMetadata()
                        .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition()
                        .endStatus().build()).create();
            }
            try (KubernetesCluster cluster = KubernetesCluster.on(client, null, PlatformOptions.defaults())) {
                LeaderElection election = LeaderElection.of(client, "sedna", "gm-0");
                GmConfig config = GmConfig.defaults(dir.resolve("gm")).withPort(0).withToken("s3cret");
                try (GlobalManager gm = GlobalManager.start(config, new ClusterAdapters(cluster.store(),
                        cluster.workers(), cluster.nodes(), Streaming.NONE, election::run))) {
                    until(gm::leading);
                    assertThat(get(gm.url() + "/readyz").statusCode()).isEqualTo(200);

                    // what 'kubectl create -f' sends: plain JSON custom resources
                    for (String yaml : List.of(MODEL.formatted("big"), MODEL.formatted("little"), SERVICE)) {
                        GenericKubernetesResource r = client.getKubernetesSerialization().unmarshal(yaml,
                                GenericKubernetesResource.class);
                        client.genericKubernetesResources(CustomResources.context(Kind.of(r.getKind())))
                                .inNamespace("default").resource(r).create();
                    }
                    until(() -> client.apps().deployments().inNamespace("default").list().getItems().size() == 2);

                    LcConfig lc = LcConfig.defaults(gm.url(), "edge-1", dir.resolve("edge-1")).withToken("s3cret")
                            .withWorkerApiPort(0).withoutLauncher();
                    try (LocalController edge = LocalController.start(lc)) {
                        until(edge::connected);
                        String info = "{\"name\":\"helmet-edge\",\"namespace\":\"default\",\"ownerName\":\"helmet\","
                                + "\"ownerKind\":\"jointinferenceservice\",\"kind\":\"inference\","
                                + "\"status\":\"running\",\"ownerInfo\":{\"inferenceNumber\":42}}";
                        HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + edge.workerApiPort()
                                        + "/sedna/workers/helmet-edge/info"))
                                .POST(HttpRequest.BodyPublishers.ofString(info)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        assertThat(posted.statusCode()).isEqualTo(200);
                        until(() -> java.util.Objects.toString(client.genericKubernetesResources(CustomResources
                                .context(Kind.JOINT_INFERENCE_SERVICE)).inNamespace("default").withName("helmet")
                                .get().get("status", "metrics")).contains("42"));
                    }
                }
            }
        } finally {
            server.destroy();
        }
    }

    private static final String MODEL = """
            {"apiVersion":"sedna.io/v1alpha1","kind":"Model","metadata":{"name":"%s"},
             "spec":{"url":"/models/m.onnx","format":"onnx"}}""";
    private static final String SERVICE = """
            {"apiVersion":"sedna.io/v1alpha1","kind":"JointInferenceService","metadata":{"name":"helmet"},
             "spec":{"edgeWorker":{"model":{"name":"little"},"hardExampleMining":{"name":"IBT"},
               "template":{"spec":{"nodeName":"edge-1","containers":[{"name":"e","image":"sedna4j/joint-inference-edge"}]}}},
              "cloudWorker":{"model":{"name":"big"},
               "template":{"spec":{"nodeName":"cloud","containers":[{"name":"c","image":"sedna4j/joint-inference-cloud"}]}}}}}""";

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void until(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 30 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
