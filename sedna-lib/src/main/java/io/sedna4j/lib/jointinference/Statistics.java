package io.sedna4j.lib.jointinference;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Joint inference counters, what the edge reports to its LC as {@code ownerInfo}: Sedna's {@code inferenceNumber},
 * {@code hardExampleNumber} and {@code uploadCloudRatio}, plus {@code cloudFallbacks} (hard examples the cloud did
 * not answer) and edge and cloud latency percentiles over the last {@value #WINDOW} calls. Each inference counts once
 * (Sedna counted a hard example twice in {@code inferenceNumber}).
 */
public final class Statistics {
    /** Latency samples kept per side. */
    public static final int WINDOW = 1024;

    private final Instant startTime = Instant.now();
    private final AtomicLong inferences = new AtomicLong();
    private final AtomicLong hard = new AtomicLong();
    private final AtomicLong fallbacks = new AtomicLong();
    private final Window edge = new Window();
    private final Window cloud = new Window();

    /** A consistent-enough copy of the counters. Latencies are in milliseconds, NaN before the first sample. */
    public record Snapshot(Instant startTime, long inferenceNumber, long hardExampleNumber, double uploadCloudRatio,
                           long cloudFallbacks, double edgeLatencyP50Ms, double edgeLatencyP99Ms,
                           double cloudLatencyP50Ms, double cloudLatencyP99Ms) {

        /** Sedna's ownerInfo, with this port's additions; times as ISO-8601. */
        public ObjectNode toOwnerInfo(Instant updateTime) {
            ObjectNode n = JsonNodeFactory.instance.objectNode()
                    .put("startTime", startTime.toString())
                    .put("updateTime", updateTime.toString())
                    .put("inferenceNumber", inferenceNumber)
                    .put("hardExampleNumber", hardExampleNumber)
                    .put("uploadCloudRatio", uploadCloudRatio)
                    .put("cloudFallbacks", cloudFallbacks);
            putIfKnown(n, "edgeLatencyP50Ms", edgeLatencyP50Ms);
            putIfKnown(n, "edgeLatencyP99Ms", edgeLatencyP99Ms);
            putIfKnown(n, "cloudLatencyP50Ms", cloudLatencyP50Ms);
            putIfKnown(n, "cloudLatencyP99Ms", cloudLatencyP99Ms);
            return n;
        }

        private static void putIfKnown(ObjectNode n, String key, double v) {
            if (!Double.isNaN(v)) {
                n.put(key, Math.round(v * 1000) / 1000.0);
            }
        }
    }

    /** One inference: whether it was hard, and whether it fell back to the edge result because the cloud failed. */
    public void record(boolean isHard, boolean usedFallback) {
        // hard and fallback first: a reader that sees the new inference count sees them too
        if (isHard) {
            hard.incrementAndGet();
        }
        if (usedFallback) {
            fallbacks.incrementAndGet();
        }
        inferences.incrementAndGet();
    }

    public void edgeLatency(long nanos) {
        edge.add(nanos);
    }

    public void cloudLatency(long nanos) {
        cloud.add(nanos);
    }

    public long inferenceNumber() {
        return inferences.get();
    }

    public long hardExampleNumber() {
        return hard.get();
    }

    public long cloudFallbacks() {
        return fallbacks.get();
    }

    public Snapshot snapshot() {
        long n = inferences.get();
        long h = hard.get();
        double[] e = edge.percentiles(0.5, 0.99);
        double[] c = cloud.percentiles(0.5, 0.99);
        return new Snapshot(startTime, n, h, n == 0 ? 0 : (double) h / n, fallbacks.get(), e[0], e[1], c[0], c[1]);
    }

    /** The last {@link #WINDOW} samples, in a ring. */
    private static final class Window {
        private final long[] samples = new long[WINDOW];
        private int next;
        private int size;

        synchronized void add(long nanos) {
            samples[next] = nanos;
            next = (next + 1) % WINDOW;
            size = Math.min(size + 1, WINDOW);
        }

        /** Nearest-rank percentiles in milliseconds. */
        double[] percentiles(double... qs) {
            long[] copy;
            synchronized (this) {
                copy = Arrays.copyOf(samples, size);
            }
            double[] out = new double[qs.length];
            if (copy.length == 0) {
                Arrays.fill(out, Double.NaN);
                return out;
            }
            Arrays.sort(copy);
            for (int i = 0; i < qs.length; i++) {
                int rank = (int) Math.ceil(qs[i] * copy.length);
                out[i] = copy[Math.max(0, Math.min(copy.length - 1, rank - 1))] / 1e6;
            }
            return out;
        }
    }
}
