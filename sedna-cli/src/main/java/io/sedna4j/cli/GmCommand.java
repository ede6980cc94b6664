package io.sedna4j.cli;

import io.sedna4j.api.ApiException;
import io.sedna4j.control.controllers.Streaming;
import io.sedna4j.gm.ClusterAdapters;
import io.sedna4j.gm.GlobalManager;
import io.sedna4j.gm.GmConfig;
import io.sedna4j.k8s.KubernetesCluster;
import io.sedna4j.k8s.PlatformOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sedna gm}: the Global Manager alone, for Local Controllers on other machines, or on a cluster. */
@Command(name = "gm", mixinStandardHelpOptions = true,
        description = {"Run the Global Manager alone: the REST API (also for kubectl --server), /ws for Local "
                + "Controllers, /metrics. Local Controllers join with 'sedna lc --gm URL --node NAME "
                + "--token-file <data-dir>/token'.",
            "With --kubernetes it runs against a cluster instead (docs/kubernetes.md): Sedna's custom resources, "
                + "workers as Pods, leader election among replicas; kubectl talks to the API server.",
            "Stops with Ctrl-C or SIGTERM; its state stays in the data dir (on a cluster: in the cluster)."})
final class GmCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "The GM's database and the link token (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9000",
            description = "Address and port (default: ${DEFAULT-VALUE}). Beyond 127.0.0.1, REST clients need the "
                    + "token too.")
    String listen;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "The Local Controllers' token (default: <data-dir>/token, created if absent). On a "
                    + "cluster: the mounted Secret, e.g. /etc/sedna4j/token.")
    Path tokenFile;

    @Option(names = "--kubernetes", description = "Run against a Kubernetes (or KubeEdge) cluster.")
    boolean kubernetes;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "With --kubernetes: the cluster (default: the Pod's service account, $KUBECONFIG or "
                    + "~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--namespace", paramLabel = "NS",
            description = "With --kubernetes: manage this namespace only (default: all).")
    String namespace;

    @Option(names = "--kafka", paramLabel = "HOST:PORT",
            description = "With --kubernetes: the Kafka broker multi-edge workers use when kafkaSupport is true "
                    + "(default: none, the manifests' KAFKA_BIND_IPS/PORTS stand).")
    String kafka;

    @Option(names = "--storage-initializer", paramLabel = "IMAGE", defaultValue = PlatformOptions.STORAGE_INITIALIZER,
            description = "With --kubernetes: the init container that downloads s3:// and http(s):// model and "
                    + "dataset URLs (default: ${DEFAULT-VALUE}).")
    String storageInitializer;

    @Option(names = "--lc-port", paramLabel = "PORT", defaultValue = "9100",
            description = "With --kubernetes: the Local Controllers' worker API port, told to workers as LC_SERVER "
                    + "(default: ${DEFAULT-VALUE}).")
    int lcPort;

    @Override
    public Integer call() throws InterruptedException {
        if (!kubernetes && (kubeconfig != null || namespace != null || kafka != null)) {
            throw new ApiException("--kubeconfig, --namespace and --kafka need --kubernetes");
        }
        int colon = listen.lastIndexOf(':');
        if (colon < 0) {
            throw new ApiException("--listen " + listen + " needs a port, e.g. 0.0.0.0:9000");
        }
        int port = port("--listen", listen.substring(colon + 1));
        String token = tokenFile != null ? Token.read(tokenFile) : Token.ensure(dataDir);
        GmConfig config = GmConfig.defaults(dataDir).withHost(listen.substring(0, colon)).withPort(port)
                .withToken(token);
        if (kubernetes) {
            return onCluster(config);
        }
        try (GlobalManager gm = GlobalManager.start(config)) {
            spec.commandLine().getOut().println("Global Manager at " + gm.url() + "; the token for Local "
                    + "Controllers is in " + tokenPath().toAbsolutePath() + ". Ctrl-C stops it.");
            Runtime.getRuntime().addShutdownHook(new Thread(gm::close, "sedna-gm-shutdown"));
            new CountDownLatch(1).await();
        }
        return 0;
    }

    /** Until stopped, or until it loses the lease it held: then exit 1 and let Kubernetes start it again. */
    private int onCluster(GmConfig config) throws InterruptedException {
        PlatformOptions options = PlatformOptions.defaults().withStorageInitializerImage(storageInitializer)
                .withLcPort(lcPort);
        try (KubernetesCluster cluster = KubernetesCluster.connect(kubeconfig, namespace, options)) {
            String identity = System.getenv().getOrDefault("POD_NAME", hostname());
            var election = cluster.election(System.getenv("POD_NAMESPACE"), identity);
            ClusterAdapters adapters = new ClusterAdapters(cluster.store(), cluster.workers(), cluster.nodes(),
                    streaming(), election::run);
            CountDownLatch lost = new CountDownLatch(1);
            try (GlobalManager gm = GlobalManager.start(config, adapters)) {
                gm.onLeadershipLost(lost::countDown);
                Runtime.getRuntime().addShutdownHook(new Thread(gm::close, "sedna-gm-shutdown"));
                spec.commandLine().getOut().println("Global Manager " + identity + " on the cluster" + (namespace
                        == null ? "" : " (namespace " + namespace + ")") + ", Local Controllers connect to "
                        + gm.url() + ". Ctrl-C stops it.");
                lost.await();
                spec.commandLine().getErr().println("sedna gm: lost the leader lease; exiting so that a new "
                        + "candidate starts");
                return 1;
            }
        }
    }

    private Streaming streaming() {
        if (kafka == null) {
            return Streaming.NONE;
        }
        int colon = kafka.lastIndexOf(':');
        if (colon <= 0) {
            throw new ApiException("--kafka " + kafka + " needs HOST:PORT, e.g. kafka.sedna:9092");
        }
        return new Streaming(kafka.substring(0, colon), port("--kafka", kafka.substring(colon + 1)));
    }

    private Path tokenPath() {
        return tokenFile != null ? tokenFile : dataDir.resolve("token");
    }

    private static int port(String option, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ApiException(option + ": \"" + text + "\" is not a port; give e.g. 0.0.0.0:9000");
        }
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "sedna-gm-" + ProcessHandle.current().pid();
        }
    }
}
