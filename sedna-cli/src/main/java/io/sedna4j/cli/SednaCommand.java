package io.sedna4j.cli;

import picocli.CommandLine.Command;

/** The {@code sedna} command: subcommands follow the contract in DESIGN.md. */
@Command(name = "sedna", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Sedna4J: edge-cloud collaborative AI (joint inference, incremental, federated and lifelong "
                + "learning, multi-edge inference) with KubeEdge Sedna's resource API.",
        subcommands = {
            ValidateCommand.class,
            VersionCommand.class,
            UpCommand.class,
            GmCommand.class,
            LcCommand.class,
            ApplyCommand.class,
            DeleteCommand.class,
            GetCommand.class,
            DescribeCommand.class,
            LogsCommand.class,
            DemoCommand.class,
        },
        footer = {"", "Run 'sedna COMMAND --help' for a command's options."})
public final class SednaCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
