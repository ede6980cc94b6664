package io.sedna4j.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * Commands of the contract that this version does not have yet. Each says so plainly and exits non-zero, so that a
 * script never mistakes it for success.
 */
abstract class NotAvailableCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Unmatched
    List<String> ignored;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("sedna " + spec.name() + ": not available yet in Sedna4J "
                + Version.number() + ". Available now: up, gm, lc, apply, delete, get, describe, logs, validate, version.");
        return 1;
    }









    @Command(name = "demo", mixinStandardHelpOptions = true,
            description = "(not available yet) Run a feature's demo end to end: reid, joint-inference, "
                    + "federated-learning, incremental-learning, lifelong-learning.")
    static final class Demo extends NotAvailableCommand {
    }
}
