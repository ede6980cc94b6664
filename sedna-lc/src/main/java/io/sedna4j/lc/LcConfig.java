package io.sedna4j.lc;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a Local Controller runs: which GM it reports to, as which node, and where it keeps its files.
 *
 * @param gmUrl         the GM, {@code http://host:port} (or {@code ws://host:port/ws})
 * @param node          this node's name, sent as {@code Node-Name}
 * @param labels        node labels reported on every heartbeat
 * @param token         the shared token, sent as {@code Authorization: Bearer}; null sends none
 * @param nodeDir       {@code lc.db} and {@code workers/<worker>/log} live here
 * @param host          interface the worker API binds to
 * @param workerApiPort port of the worker API; 0 picks a free one
 * @param address       where workers on other nodes reach this node's workers
 * @param heartbeat     interval between heartbeats
 * @param launchWorkers whether this LC runs the node's workers as processes (standalone); on Kubernetes the kubelet
 *                      runs them as Pods and the LC only serves the worker API and the managers
 */
public record LcConfig(URI gmUrl, String node, Map<String, String> labels, String token, Path nodeDir, String host,
                       int workerApiPort, String address, Duration heartbeat, boolean launchWorkers) {

    public static final int DEFAULT_WORKER_API_PORT = 9100;

    public LcConfig {
        Objects.requireNonNull(gmUrl, "gmUrl");
        Objects.requireNonNull(nodeDir, "nodeDir");
        if (node == null || node.isBlank()) {
            throw new LcException("the node name is empty; fix: pass --node NAME");
        }
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        host = host == null ? "127.0.0.1" : host;
        address = address == null ? "127.0.0.1" : address;
        heartbeat = heartbeat == null ? Duration.ofSeconds(5) : heartbeat;
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new LcException("heartbeat interval " + heartbeat + " is not positive; fix: pass e.g. --heartbeat 5s");
        }
        if (workerApiPort < 0 || workerApiPort > 65535) {
            throw new LcException("worker API port " + workerApiPort + " is out of range; fix: use 0..65535");
        }
    }

    /** Worker API on 127.0.0.1:9100, address 127.0.0.1, heartbeat every 5 s, no labels, no token. */
    public static LcConfig defaults(URI gmUrl, String node, Path nodeDir) {
        return new LcConfig(gmUrl, node, Map.of(), null, nodeDir, "127.0.0.1", DEFAULT_WORKER_API_PORT,
                "127.0.0.1", Duration.ofSeconds(5), true);
    }

    public LcConfig withToken(String token) {
        return new LcConfig(gmUrl, node, labels, token, nodeDir, host, workerApiPort, address, heartbeat, launchWorkers);
    }

    public LcConfig withLabels(Map<String, String> labels) {
        return new LcConfig(gmUrl, node, labels, token, nodeDir, host, workerApiPort, address, heartbeat, launchWorkers);
    }

    public LcConfig withWorkerApiPort(int port) {
        return new LcConfig(gmUrl, node, labels, token, nodeDir, host, port, address, heartbeat, launchWorkers);
    }

    public LcConfig withAddress(String address) {
        return new LcConfig(gmUrl, node, labels, token, nodeDir, host, workerApiPort, address, heartbeat, launchWorkers);
    }

    public LcConfig withHeartbeat(Duration heartbeat) {
        return new LcConfig(gmUrl, node, labels, token, nodeDir, host, workerApiPort, address, heartbeat, launchWorkers);
    }

    /** For the DaemonSet on Kubernetes: no launcher, the kubelet runs the workers. */
    public LcConfig withoutLauncher() {
        return new LcConfig(gmUrl, node, labels, token, nodeDir, host, workerApiPort, address, heartbeat, false);
    }
}
