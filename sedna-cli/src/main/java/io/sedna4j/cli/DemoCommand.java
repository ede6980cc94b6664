package io.sedna4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sedna demo FEATURE}: a feature end to end on this machine, on bundled data. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a feature's demo end to end on this machine: reid, joint-inference and "
                + "federated-learning now; incremental-learning and lifelong-learning are not available yet.",
        subcommands = {
            ReidDemo.class,
            JointInferenceDemo.class,
            FederatedLearningDemo.class,
            NotAvailableCommand.IncrementalLearning.class,
            NotAvailableCommand.LifelongLearning.class,
        })
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
