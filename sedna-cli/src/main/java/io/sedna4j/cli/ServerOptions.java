package io.sedna4j.cli;

import io.sedna4j.api.ApiException;
import io.sedna4j.cli.client.GmClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How commands reach the Global Manager: {@code --server}, {@code --token-file}, {@code --namespace}. */
final class ServerOptions {
    @Option(names = "--server", paramLabel = "URL", defaultValue = "${env:SEDNA_SERVER:-http://127.0.0.1:9000}",
            description = "The Global Manager's address (default: ${DEFAULT-VALUE}, or $SEDNA_SERVER).")
    URI server;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "A file holding the GM's token; needed only when the GM listens beyond this machine.")
    Path tokenFile;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", defaultValue = "default",
            description = "The namespace (default: ${DEFAULT-VALUE}).")
    String namespace;

    GmClient client() {
        String token = null;
        if (tokenFile != null) {
            try {
                token = Files.readString(tokenFile).strip();
            } catch (IOException e) {
                throw new ApiException("cannot read the token file " + tokenFile + ": " + e.getMessage()
                        + "; give the file 'sedna up' wrote, <data-dir>/token");
            }
        }
        return new GmClient(server, token);
    }
}
