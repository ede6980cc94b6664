package io.sedna4j.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of {@code bin/sedna}. Bad input ends with a message and exit code 1, never a stack trace. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line; the streams are parameters so that tests see exactly what a user sees. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new SednaCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            // every module's exception type carries a message written for the user (docs/contributing.md)
            if (e.getClass().getName().startsWith("io.sedna4j.")) {
                err.println("sedna: " + e.getMessage());
            } else {
                err.println("sedna: internal error: " + e);
                err.println("    this is a bug in Sedna4J; please report it with the command line you ran");
                if (Boolean.getBoolean("sedna.debug")) {
                    e.printStackTrace(err);
                }
            }
            return 1;
        });
        return cli.execute(args);
    }
}
