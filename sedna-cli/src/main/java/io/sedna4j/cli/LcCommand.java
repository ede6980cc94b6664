package io.sedna4j.cli;

import io.sedna4j.api.ApiException;
import io.sedna4j.lc.LcConfig;
import io.sedna4j.lc.LocalController;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sedna lc --gm URL --node NAME}: one node's Local Controller, until stopped. */
@Command(name = "lc", mixinStandardHelpOptions = true,
        description = {"Run a Local Controller for one node: it connects to the Global Manager, runs the node's "
                + "workers as processes, serves the worker API and watches the node's datasets.",
            "With --kubernetes (the DaemonSet in deploy/lc.yaml) the kubelet runs the workers as Pods; the LC serves "
                + "the worker API and the managers only, and the node name defaults to $NODE_NAME.",
            "Stops with Ctrl-C or SIGTERM, stopping its workers."})
final class LcCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--gm", required = true, paramLabel = "URL", description = "The Global Manager, e.g. http://10.0.0.5:9000.")
    URI gm;

    @Option(names = "--node", paramLabel = "NAME", defaultValue = "${env:NODE_NAME}",
            description = "This node's name, e.g. edge-1 (default: $NODE_NAME, which the DaemonSet sets).")
    String node;

    @Option(names = "--kubernetes", description = "Run on a Kubernetes node: no launcher, the kubelet runs the workers.")
    boolean kubernetes;

    @Option(names = "--labels", paramLabel = "K=V,...", converter = Labels.class,
            description = "Labels for nodeSelector, e.g. node-role.kubernetes.io/edge,zone=campus-a.")
    Map<String, String> labels = Map.of();

    @Option(names = "--token-file", required = true, paramLabel = "FILE",
            description = "The GM's token: the file 'sedna up' or 'sedna gm' wrote, <data-dir>/token.")
    Path tokenFile;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "Where the node keeps its database and worker logs, under nodes/<node> (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "9100",
            description = "The worker API's port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--address", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Where workers on other nodes reach this node's workers (default: ${DEFAULT-VALUE}).")
    String address;

    @Override
    public Integer call() throws InterruptedException {
        if (node == null || node.isBlank()) {
            throw new ApiException("the node name is missing; fix: pass --node NAME (or set NODE_NAME)");
        }
        LcConfig config = LcConfig.defaults(gm, node, dataDir.resolve("nodes").resolve(node))
                .withToken(Token.read(tokenFile)).withLabels(labels).withWorkerApiPort(port).withAddress(address);
        if (kubernetes) {
            config = config.withoutLauncher();
        }
        try (LocalController lc = LocalController.start(config)) {
            spec.commandLine().getOut().println("Local Controller of node " + node + " connecting to " + gm
                    + "; worker API on 127.0.0.1:" + lc.workerApiPort() + (kubernetes
                    ? "; the kubelet runs the workers. Ctrl-C stops it." : ". Ctrl-C stops it and its workers."));
            new CountDownLatch(1).await(); // until the JVM is stopped; the LC's shutdown hook stops the workers
        }
        return 0;
    }
}
