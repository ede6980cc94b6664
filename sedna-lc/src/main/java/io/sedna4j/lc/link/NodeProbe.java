package io.sedna4j.lc.link;

import io.sedna4j.api.link.NodeReport;
import io.sedna4j.api.link.WorkerStatus;
import io.sedna4j.lc.LcConfig;
import io.sedna4j.lc.LcVersion;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.List;

/** Measures this node for heartbeats: cores, memory and load as the operating system reports them. */
public final class NodeProbe {
    private final LcConfig config;

    public NodeProbe(LcConfig config) {
        this.config = config;
    }

    /** A report; {@code workers} is the full worker list on a connection's first heartbeat, else null. */
    public NodeReport report(List<WorkerStatus> workers) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        int cores = os.getAvailableProcessors();
        double load = os.getSystemLoadAverage(); // negative where the platform has no load average
        long total = 0;
        long used = 0;
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            total = sun.getTotalMemorySize();
            used = total - sun.getFreeMemorySize();
        }
        return new NodeReport(config.node(), config.labels(), config.address(), cores, total,
                load < 0 ? 0 : load / cores, used, LcVersion.number(), workers);
    }
}
