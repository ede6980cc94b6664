package io.sedna4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "version", mixinStandardHelpOptions = true,
        description = "Print the Sedna4J version, the API version it serves and the Java it runs on.")
final class VersionCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().println(new Version().getVersion()[0]);
    }
}
