package io.sedna4j.cli;

import io.sedna4j.api.ApiException;
import io.sedna4j.gm.GlobalManager;
import io.sedna4j.gm.GmConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sedna gm}: the Global Manager alone, for Local Controllers on other machines. */
@Command(name = "gm", mixinStandardHelpOptions = true,
        description = {"Run the Global Manager alone: the REST API (also for kubectl --server), /ws for Local "
                + "Controllers, /metrics. Local Controllers join with 'sedna lc --gm URL --node NAME "
                + "--token-file <data-dir>/token'.",
            "Stops with Ctrl-C or SIGTERM; its state stays in the data dir."})
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

    @Option(names = "--kubernetes", description = "Run against a Kubernetes cluster (not available yet).")
    boolean kubernetes;

    @Override
    public Integer call() throws InterruptedException {
        if (kubernetes) {
            throw new ApiException("--kubernetes is not available yet in this version; run the GM standalone");
        }
        int colon = listen.lastIndexOf(':');
        if (colon < 0) {
            throw new ApiException("--listen " + listen + " needs a port, e.g. 0.0.0.0:9000");
        }
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new ApiException("--listen " + listen + ": \"" + listen.substring(colon + 1)
                    + "\" is not a port; give e.g. 0.0.0.0:9000");
        }
        GmConfig config = GmConfig.defaults(dataDir).withHost(listen.substring(0, colon)).withPort(port)
                .withToken(Token.ensure(dataDir));
        try (GlobalManager gm = GlobalManager.start(config)) {
            spec.commandLine().getOut().println("Global Manager at " + gm.url() + "; the token for Local "
                    + "Controllers is in " + dataDir.resolve("token").toAbsolutePath() + ". Ctrl-C stops it.");
            Runtime.getRuntime().addShutdownHook(new Thread(gm::close, "sedna-gm-shutdown"));
            new CountDownLatch(1).await();
        }
        return 0;
    }
}
