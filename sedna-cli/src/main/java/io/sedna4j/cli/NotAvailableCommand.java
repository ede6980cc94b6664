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
        spec.commandLine().getErr().println(spec.qualifiedName(" ") + ": not available yet in Sedna4J "
                + Version.number() + ". Available now: sedna demo reid, sedna demo joint-inference, sedna demo federated-learning.");
        return 1;
    }







    @Command(name = "incremental-learning", mixinStandardHelpOptions = true,
            description = "(not available yet) The edge collects data, the cloud retrains, the better model is deployed.")
    static final class IncrementalLearning extends NotAvailableCommand {
    }

    @Command(name = "lifelong-learning", mixinStandardHelpOptions = true,
            description = "(not available yet) A knowledge base of tasks; unseen tasks are detected and learned.")
    static final class LifelongLearning extends NotAvailableCommand {
    }
}
