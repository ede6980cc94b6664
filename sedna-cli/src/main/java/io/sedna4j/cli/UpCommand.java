package io.sedna4j.cli;

import io.sedna4j.gm.GlobalManager;
import io.sedna4j.gm.GmConfig;
import io.sedna4j.lc.LcConfig;
import io.sedna4j.lc.LocalController;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sedna up}: a Global Manager and the nodes cloud, edge-1..N in this JVM, over loopback sockets. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Start Sedna4J on this machine: a Global Manager, a node 'cloud' and nodes edge-1..N, each "
                + "with its Local Controller, over real loopback sockets. Workers run as processes.",
            "Ctrl-C or SIGTERM stops everything, workers included. State survives in the data dir."})
final class UpCommand implements Callable<Integer> {
    /** Labels that Sedna's own manifests select nodes by (pedestrian tracking selects the master). */
    static final Map<String, String> CLOUD_LABELS = Map.of("node-role.kubernetes.io/master", "",
            "node-role.kubernetes.io/control-plane", "", "sedna.io/node-role", "cloud");
    static final Map<String, String> EDGE_LABELS = Map.of("node-role.kubernetes.io/edge", "",
            "sedna.io/node-role", "edge");

    @Spec
    CommandSpec spec;

    @Option(names = "--edges", paramLabel = "N", defaultValue = "2", description = "Edge nodes (default: ${DEFAULT-VALUE}).")
    int edges;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "Databases, the link token and worker logs (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "9000",
            description = "The GM's port on 127.0.0.1; LC worker APIs use the next ports from 9100 (default: ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() throws InterruptedException {
        if (edges < 0 || edges > 50) {
            throw new io.sedna4j.api.ApiException("--edges " + edges + " is out of range; give 0 to 50");
        }
        try (AllInOne cluster = AllInOne.start(dataDir, port, edges)) {
            PrintWriter out = spec.commandLine().getOut();
            out.println("Sedna4J is up: API " + cluster.url() + ", nodes " + String.join(", ", cluster.nodeNames())
                    + ", data in " + dataDir.toAbsolutePath());
            out.println("Try: bin/sedna apply -f examples/joint-inference/ && bin/sedna get ji. "
                    + "Ctrl-C stops everything.");
            new CountDownLatch(1).await(); // until SIGTERM/Ctrl-C; the shutdown hook closes the cluster
        }
        return 0;
    }

    /** The all-in-one cluster, also used by tests and demos. */
    static final class AllInOne implements AutoCloseable {
        private final GlobalManager gm;
        private final List<LocalController> lcs;
        private final Thread hook = new Thread(this::close, "sedna-up-shutdown");

        private AllInOne(GlobalManager gm, List<LocalController> lcs) {
            this.gm = gm;
            this.lcs = lcs;
        }

        static AllInOne start(Path dataDir, int port, int edges) {
            String token = Token.ensure(dataDir);
            GlobalManager gm = GlobalManager.start(GmConfig.defaults(dataDir).withPort(port).withToken(token));
            List<LocalController> lcs = new ArrayList<>();
            try {
                for (int i = 0; i <= edges; i++) {
                    String node = i == 0 ? "cloud" : "edge-" + i;
                    lcs.add(LocalController.start(LcConfig.defaults(gm.url(), node, dataDir.resolve("nodes").resolve(node))
                            .withToken(token).withLabels(i == 0 ? CLOUD_LABELS : EDGE_LABELS)
                            .withWorkerApiPort(port == 0 ? 0 : LcConfig.DEFAULT_WORKER_API_PORT + i)));
                }
            } catch (RuntimeException e) {
                lcs.forEach(LocalController::close);
                gm.close();
                throw e;
            }
            AllInOne cluster = new AllInOne(gm, lcs);
            Runtime.getRuntime().addShutdownHook(cluster.hook);
            return cluster;
        }

        java.net.URI url() {
            return gm.url();
        }

        GlobalManager gm() {
            return gm;
        }

        List<String> nodeNames() {
            return lcs.stream().map(lc -> lc.config().node()).toList();
        }

        @Override
        public synchronized void close() {
            lcs.forEach(LocalController::close); // stops every worker first
            gm.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // closing from the hook itself
            }
        }
    }
}
