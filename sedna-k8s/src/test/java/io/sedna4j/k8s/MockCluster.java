package io.sedna4j.k8s;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.sedna4j.api.link.Frame;
import io.sedna4j.control.Subscription;
import io.sedna4j.control.controllers.Controllers;
import io.sedna4j.control.edge.EdgeChannel;
import io.sedna4j.control.engine.EngineOptions;
import io.sedna4j.control.engine.ReconcileEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * fabric8's mock API server in CRUD mode with Sedna's CRDs from {@code deploy/crds} installed (the CRUD dispatcher
 * must know the kinds and their status subresource), a client, and helpers for nodes and a reconcile engine wired to
 * the Kubernetes adapters. The mock runs no kubelet, scheduler or garbage collector: tests play those parts.
 */
final class MockCluster implements AutoCloseable {
    static final Path DEPLOY = Path.of("..", "deploy");

    final KubernetesMockServer server;
    final KubernetesClient client;
    private final List<AutoCloseable> closing = new ArrayList<>();

    MockCluster() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        server.init();
        client = server.createClient();
        for (CustomResourceDefinition crd : crds(client)) {
            client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
        }
    }

    private static List<CustomResourceDefinition> crds;

    /** The CRDs, read once for all tests: they are 3.4 MB of YAML. */
    private static synchronized List<CustomResourceDefinition> crds(KubernetesClient client) {
        if (crds == null) {
            List<CustomResourceDefinition> read = new ArrayList<>();
            for (Path crd : crdFiles()) {
                try (InputStream in = Files.newInputStream(crd)) {
                    read.add(client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            crds = List.copyOf(read);
        }
        return crds;
    }

    static List<Path> crdFiles() {
        try (Stream<Path> files = Files.list(DEPLOY.resolve("crds"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Ready node with an InternalIP, as a kubelet (or KubeEdge's edgecore) reports it. */
    void node(String name, Map<String, String> labels) {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition()
                .addNewAddress().withType("InternalIP").withAddress("10.0.0." + (Math.abs(name.hashCode()) % 250 + 1))
                .endAddress().endStatus().build()).create();
    }

    /** The GM's parts on this cluster: store, Pod platform, nodes, and the engine with Sedna's controllers. */
    Gm gm(Duration minBackoff) {
        CustomResourceStore store = new CustomResourceStore(client, null);
        PodWorkerPlatform platform = new PodWorkerPlatform(client, PlatformOptions.defaults()
                .withBackoff(minBackoff, minBackoff.multipliedBy(8)));
        KubernetesNodes nodes = new KubernetesNodes(client);
        ReconcileEngine engine = new ReconcileEngine(store, platform, nodes, NO_EDGE, Controllers.standard(),
                new EngineOptions(Duration.ofMillis(500), Duration.ofMillis(100), Duration.ofSeconds(1), 2,
                        Clock.systemUTC()));
        Gm gm = new Gm(store, platform, nodes, engine);
        closing.add(gm);
        return gm;
    }

    record Gm(CustomResourceStore store, PodWorkerPlatform platform, KubernetesNodes nodes, ReconcileEngine engine)
            implements AutoCloseable {
        @Override
        public void close() {
            engine.close();
            platform.close();
            nodes.close();
            store.close();
        }
    }

    /** No Local Controllers in these tests: frames to nodes go nowhere. */
    static final EdgeChannel NO_EDGE = new EdgeChannel() {
        @Override
        public void send(String node, Frame frame) {
        }

        @Override
        public Subscription onUpstream(BiConsumer<String, Frame> handler) {
            return () -> { };
        }
    };

    @Override
    public void close() {
        for (AutoCloseable c : closing) { // one GM per test at most
            try {
                c.close();
            } catch (Exception e) {
                // best effort
            }
        }
        client.close();
        server.destroy();
    }
}
