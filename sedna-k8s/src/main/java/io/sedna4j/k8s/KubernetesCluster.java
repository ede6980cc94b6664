package io.sedna4j.k8s;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A connection to a cluster and the GM's adapters on it: the custom resource store, the Pod platform and the node
 * registry, all on informers; and the leader election. Closing stops the informers and the client.
 */
public final class KubernetesCluster implements AutoCloseable {
    private final KubernetesClient client;
    private CustomResourceStore store;
    private PodWorkerPlatform workers;
    private KubernetesNodes nodes;

    private KubernetesCluster(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Connects with {@code kubeconfig}, or when null as Kubernetes clients do: in a Pod its service account, else
     * {@code $KUBECONFIG} or {@code ~/.kube/config}; then starts the informers.
     *
     * @param namespace the one namespace to manage, or null for all
     */
    public static KubernetesCluster connect(Path kubeconfig, String namespace, PlatformOptions options) {
        KubernetesCluster cluster = new KubernetesCluster(new KubernetesClientBuilder().withConfig(config(kubeconfig))
                .build());
        try {
            cluster.store = new CustomResourceStore(cluster.client, namespace);
            cluster.nodes = new KubernetesNodes(cluster.client);
            cluster.workers = new PodWorkerPlatform(cluster.client, options.withNamespace(namespace));
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** On an existing client (tests: fabric8's mock server). */
    public static KubernetesCluster on(KubernetesClient client, String namespace, PlatformOptions options) {
        KubernetesCluster cluster = new KubernetesCluster(client);
        cluster.store = new CustomResourceStore(client, namespace);
        cluster.nodes = new KubernetesNodes(client);
        cluster.workers = new PodWorkerPlatform(client, options.withNamespace(namespace));
        return cluster;
    }

    private static Config config(Path kubeconfig) {
        if (kubeconfig == null) {
            return Config.autoConfigure(null);
        }
        try {
            return Config.fromKubeconfig(Files.readString(kubeconfig));
        } catch (IOException e) {
            throw new KubernetesException("cannot read the kubeconfig " + kubeconfig + ": " + e.getMessage()
                    + "; fix: give a readable file (--kubeconfig), or none to use ~/.kube/config or the Pod's "
                    + "service account", e);
        } catch (KubernetesClientException e) {
            throw new KubernetesException("the kubeconfig " + kubeconfig + " cannot be used: " + e.getMessage()
                    + "; fix: check it with 'kubectl --kubeconfig " + kubeconfig + " get nodes'", e);
        }
    }

    public KubernetesClient client() {
        return client;
    }

    public CustomResourceStore store() {
        return store;
    }

    public PodWorkerPlatform workers() {
        return workers;
    }

    public KubernetesNodes nodes() {
        return nodes;
    }

    /**
     * The GM replicas' election, on the Lease {@code sedna4j-gm} in {@code namespace} (else the client's namespace,
     * which in a Pod is its own).
     */
    public LeaderElection election(String namespace, String identity) {
        String ns = namespace != null ? namespace : client.getNamespace() != null ? client.getNamespace() : "default";
        return LeaderElection.of(client, ns, identity);
    }

    @Override
    public void close() {
        for (AutoCloseable c : new AutoCloseable[] {workers, nodes, store}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing: best effort
                }
            }
        }
        client.close();
    }
}
