package io.sedna4j.gm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How a Global Manager runs.
 *
 * @param dataDir     the data dir; the GM keeps {@code gm/gm.db} in it and reads workers' logs under {@code nodes/}
 * @param host        the address to listen on; 127.0.0.1 keeps the GM on this machine
 * @param port        the port of the REST API, {@code /ws} and {@code /metrics}; 0 picks a free one
 * @param token       the token LCs (and, beyond loopback, REST clients) must present; null for none, which is
 *                    allowed on a loopback address only
 * @param nodeTimeout silence after which a node is NotReady
 * @param resync      how often every resource is reconciled even without a change
 */
public record GmConfig(Path dataDir, String host, int port, String token, Duration nodeTimeout, Duration resync) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 9000;
    public static final Duration DEFAULT_NODE_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration DEFAULT_RESYNC = Duration.ofSeconds(30);

    public GmConfig {
        if (dataDir == null) {
            throw new GmException("the GM needs a data dir; fix: give --data-dir DIR");
        }
        if (host == null || host.isBlank()) {
            host = DEFAULT_HOST;
        }
        if (port < 0 || port > 65535) {
            throw new GmException("port " + port + " is out of range; fix: give a port from 1 to 65535 (0 for any)");
        }
        if (token != null && token.isBlank()) {
            token = null;
        }
        if (nodeTimeout == null || nodeTimeout.isNegative() || nodeTimeout.isZero()) {
            nodeTimeout = DEFAULT_NODE_TIMEOUT;
        }
        if (resync == null || resync.isNegative() || resync.isZero()) {
            resync = DEFAULT_RESYNC;
        }
    }

    /** 127.0.0.1:9000, the token in {@code <dataDir>/token} if there is one, 15 s node timeout, 30 s resync. */
    public static GmConfig defaults(Path dataDir) {
        return new GmConfig(dataDir, DEFAULT_HOST, DEFAULT_PORT, readToken(dataDir.resolve("token")),
                DEFAULT_NODE_TIMEOUT, DEFAULT_RESYNC);
    }

    /** The token in {@code file}, or null if there is no such file. */
    public static String readToken(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            String token = Files.readString(file).strip();
            return token.isEmpty() ? null : token;
        } catch (IOException e) {
            throw new GmException("cannot read the token file " + file + ": " + e.getMessage()
                    + "; fix: make it readable by this user, or delete it to run without a token on 127.0.0.1");
        }
    }

    public GmConfig withHost(String host) {
        return new GmConfig(dataDir, host, port, token, nodeTimeout, resync);
    }

    public GmConfig withPort(int port) {
        return new GmConfig(dataDir, host, port, token, nodeTimeout, resync);
    }

    public GmConfig withToken(String token) {
        return new GmConfig(dataDir, host, port, token, nodeTimeout, resync);
    }

    public GmConfig withNodeTimeout(Duration nodeTimeout) {
        return new GmConfig(dataDir, host, port, token, nodeTimeout, resync);
    }

    public GmConfig withResync(Duration resync) {
        return new GmConfig(dataDir, host, port, token, nodeTimeout, resync);
    }

    /** Where the GM's SQLite database lives. */
    public Path database() {
        return dataDir.resolve("gm").resolve("gm.db");
    }

    @Override
    public String toString() {
        // never the token itself
        return "GmConfig[dataDir=" + dataDir + ", host=" + host + ", port=" + port + ", token="
                + (token == null ? "none" : "set") + ", nodeTimeout=" + nodeTimeout + ", resync=" + resync + "]";
    }
}
