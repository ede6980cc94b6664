package io.sedna4j.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Every demo's {@code --data-dir}: its cluster state and output ({@code --out} may move the output). */
final class DemoDataDir {
    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "Where the demo keeps its cluster state and output (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    /** {@code <data-dir>/demo/<demo>}, absolute. */
    Path base(String demo) {
        return dataDir.resolve("demo").resolve(demo).toAbsolutePath().normalize();
    }
}
