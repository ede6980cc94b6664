package io.sedna4j.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sedna logs WORKER [-f]}: a worker's output, as its node's Local Controller recorded it. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Print a worker's log (its output and errors, with a line per start and exit). "
                + "'sedna get workers' lists the workers.")
final class LogsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions server;

    @Parameters(paramLabel = "WORKER")
    String worker;

    @Option(names = {"-f", "--follow"}, description = "Keep printing as the log grows, until interrupted.")
    boolean follow;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (InputStream in = server.client().log(server.namespace, worker, follow)) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.print(new String(buffer, 0, n, StandardCharsets.UTF_8));
                out.flush();
            }
        }
        return 0;
    }
}
