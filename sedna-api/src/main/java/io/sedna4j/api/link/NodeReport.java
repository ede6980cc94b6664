package io.sedna4j.api.link;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A Local Controller's heartbeat: who the node is, what it has and how busy it is. The first one after connecting
 * also lists every worker the node runs, so the GM's view is rebuilt after either side restarts.
 *
 * @param address      host name or IP at which workers on other nodes reach this node's workers
 * @param cpuCores     cores available to workers
 * @param memoryBytes  memory available to workers
 * @param cpuLoad      system load average over one minute, divided by cores (0 = idle, 1 = saturated)
 * @param memoryUsed   bytes in use
 * @param workers      every worker on the node, on the first heartbeat of a connection; null afterwards
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeReport(String node, Map<String, String> labels, String address, int cpuCores, long memoryBytes, double cpuLoad,
                         long memoryUsed, String version, List<WorkerStatus> workers) {
}
