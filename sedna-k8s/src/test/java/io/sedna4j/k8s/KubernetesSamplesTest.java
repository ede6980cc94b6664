package io.sedna4j.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.Resource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Sedna sample and every example of this repository, applied as custom resources to a (mock) cluster with
 * the GM's engine on the Kubernetes adapters: each workload gets its Pods or Deployments on the named nodes, with
 * Sedna's labels and environment and an ownerReference to it, and Sedna's Services where its workers are reached.
 */
class KubernetesSamplesTest {
    /** Sedna's Services: the worker type and default port per kind. */
    private static final Map<Kind, Map<String, Integer>> SERVICES = Map.of(
            Kind.JOINT_INFERENCE_SERVICE, Map.of("cloud", 5000),
            Kind.FEDERATED_LEARNING_JOB, Map.of("aggregation", 7363),
            Kind.FEATURE_EXTRACTION_SERVICE, Map.of("fe", 6000),
            Kind.VIDEO_ANALYTICS_JOB, Map.of("videoanalytics", 4000),
            Kind.OBJECT_SEARCH_SERVICE, Map.of("reidworker", 9378, "userworker", 9379));

    static Stream<Named<Path>> manifests() {
        List<Named<Path>> files = new ArrayList<>();
        List<Path> sedna = SampleManifests.sedna();
        if (sedna.isEmpty()) {
            files.add(Named.of("Sedna's samples (absent: sedna.shared.dir)", null));
        }
        sedna.forEach(f -> files.add(Named.of("sedna " + f.getParent().getFileName() + "/" + f.getFileName(), f)));
        SampleManifests.examples().forEach(f -> files.add(Named.of("examples/" + f.getParent().getFileName() + "/"
                + f.getFileName(), f)));
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifests")
    void workloadsBecomeOwnedLabelledPodsOnTheirNodes(Path file) {
        assumeTrue(file != null, "Sedna's manifests are not available (system property sedna.shared.dir)");
        List<Resource<?, ?>> resources = SampleManifests.read(file);
        List<Resource<?, ?>> workloads = resources.stream().filter(SampleManifests::isWorkload).toList();
        assumeTrue(!workloads.isEmpty(), file + " holds only Models and Datasets");
        Set<String> nodeNames = SampleManifests.nodeNames(resources);
        try (MockCluster cluster = new MockCluster()) {
            cluster.node("cloud", Map.of());
            nodeNames.stream().filter(n -> !n.equals("cloud")).forEach(n -> cluster.node(n, Map.of()));
            List<Map<String, String>> selectors = SampleManifests.nodeSelectors(resources);
            for (int i = 0; i < selectors.size(); i++) {
                cluster.node("selected-" + i, selectors.get(i));
            }
            MockCluster.Gm gm = cluster.gm(Duration.ofSeconds(1));
            String datasetNode = nodeNames.isEmpty() ? "cloud" : nodeNames.iterator().next();
            SampleManifests.standIns(resources, datasetNode).forEach(gm.store()::create);
            resources.stream().filter(r -> !SampleManifests.isWorkload(r)).forEach(gm.store()::create);
            Map<String, Resource<?, ?>> created = new LinkedHashMap<>();
            workloads.forEach(r -> created.put(r.metadata.name, gm.store().create(r)));
            gm.engine().start();

            for (Resource<?, ?> cr : created.values()) {
                if (cr.kindInfo() == Kind.LIFELONG_LEARNING_JOB) {
                    // Sedna's Train stage waits for the Local Controller's trigger (Waiting -> Ready): no Pod yet
                    Await.until(() -> hasCondition(gm, cr), () -> cr.key() + " has no condition");
                    assertThat(ResourceCodec.toTree(gm.store().get(cr.kindInfo(), "default", cr.metadata.name)
                            .orElseThrow()).path("status").path("conditions").get(0).toString())
                            .contains("\"type\":\"Waiting\"").contains("\"stage\":\"Train\"");
                    assertThat(objectsOf(cluster, cr)).isEmpty();
                    continue;
                }
                Await.until(() -> !objectsOf(cluster, cr).isEmpty() && hasCondition(gm, cr),
                        () -> cr.key() + " has no Pods or Deployments yet; its status: "
                                + gm.store().get(cr.kindInfo(), "default", cr.metadata.name)
                                .map(r -> ResourceCodec.toJson(r.status)).orElse("gone"));
                for (HasMetadata o : objectsOf(cluster, cr)) {
                    assertOwned(o, cr);
                    PodSpec spec = podSpec(o);
                    String where = o.getKind() + " " + o.getMetadata().getName();
                    assertThat(spec.getNodeName()).as("node of %s", where)
                            .isIn(nodeNames.isEmpty() ? nodeNamesOf(cluster) : nodeNames);
                    assertThat(spec.getHostNetwork()).as("host network of %s (LC_SERVER is localhost)", where)
                            .isTrue();
                    assertThat(o.getMetadata().getLabels()).as("labels of %s", where)
                            .containsEntry(prefix(cr) + "name", cr.metadata.name)
                            .containsEntry(prefix(cr) + "uid", cr.metadata.uid)
                            .containsKey(prefix(cr) + "worker-type");
                    for (Container c : spec.getContainers()) {
                        Map<String, String> env = env(c);
                        assertThat(env).as("env of %s/%s", where, c.getName())
                                .containsEntry("NAMESPACE", "default")
                                .containsEntry("LC_SERVER", "http://127.0.0.1:9100")
                                .containsKey("WORKER_NAME")
                                .containsEntry(cr.kind.endsWith("Service") ? "SERVICE_NAME" : "JOB_NAME",
                                        cr.metadata.name);
                    }
                }
                boolean service = cr.kind.endsWith("Service");
                assertThat(objectsOf(cluster, cr)).as("a service's workers are Deployments, a job's Pods")
                        .allMatch(o -> o.getKind().equals(service ? "Deployment" : "Pod"));
                for (var e : SERVICES.getOrDefault(cr.kindInfo(), Map.of()).entrySet()) {
                    boolean planned = objectsOf(cluster, cr).stream().anyMatch(o -> e.getKey().equals(
                            o.getMetadata().getLabels().get(prefix(cr) + "worker-type")));
                    if (!planned) {
                        continue;
                    }
                    String name = (cr.metadata.name + "-" + e.getKey()).toLowerCase(Locale.ROOT);
                    Await.until(() -> cluster.client.services().inNamespace("default").withName(name).get() != null,
                            () -> "Service " + name + " for " + cr.key());
                    Service s = cluster.client.services().inNamespace("default").withName(name).get();
                    assertOwned(s, cr);
                    assertThat(s.getSpec().getPorts()).singleElement().satisfies(p -> {
                        assertThat(p.getName()).isEqualTo("tcp-0");
                        assertThat(p.getPort()).isPositive();
                    });
                    assertThat(s.getSpec().getSelector()).containsEntry(prefix(cr) + "worker-type", e.getKey());
                }
            }
        }
    }

    static List<HasMetadata> objectsOf(MockCluster cluster, Resource<?, ?> cr) {
        List<HasMetadata> objects = new ArrayList<>();
        String label = prefix(cr) + "name";
        objects.addAll(cluster.client.pods().inNamespace("default").withLabel(label, cr.metadata.name).list()
                .getItems());
        objects.addAll(cluster.client.apps().deployments().inNamespace("default").withLabel(label, cr.metadata.name)
                .list().getItems());
        return objects;
    }

    static boolean hasCondition(MockCluster.Gm gm, Resource<?, ?> cr) {
        return gm.store().get(cr.kindInfo(), "default", cr.metadata.name)
                .map(r -> ResourceCodec.toTree(r).path("status").path("conditions").size() > 0).orElse(false);
    }

    static void assertOwned(HasMetadata o, Resource<?, ?> cr) {
        assertThat(o.getMetadata().getOwnerReferences()).as("ownerReferences of %s %s", o.getKind(),
                o.getMetadata().getName()).singleElement().satisfies((OwnerReference ref) -> {
                    assertThat(ref.getApiVersion()).isEqualTo("sedna.io/v1alpha1");
                    assertThat(ref.getKind()).isEqualTo(cr.kind);
                    assertThat(ref.getName()).isEqualTo(cr.metadata.name);
                    assertThat(ref.getUid()).isEqualTo(cr.metadata.uid);
                    assertThat(ref.getController()).isTrue();
                });
    }

    static PodSpec podSpec(HasMetadata o) {
        return o instanceof io.fabric8.kubernetes.api.model.Pod p ? p.getSpec()
                : ((io.fabric8.kubernetes.api.model.apps.Deployment) o).getSpec().getTemplate().getSpec();
    }

    static Map<String, String> env(Container c) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar v : c.getEnv()) {
            env.put(v.getName(), v.getValue());
        }
        return env;
    }

    static String prefix(Resource<?, ?> cr) {
        return cr.kind.toLowerCase(Locale.ROOT) + ".sedna.io/";
    }

    private static Set<String> nodeNamesOf(MockCluster cluster) {
        return cluster.client.nodes().list().getItems().stream().map(n -> n.getMetadata().getName())
                .collect(Collectors.toSet());
    }
}
