package io.sedna4j.bench.jvm;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Samples, on a daemon thread, the used heap (its peak, garbage included) and the CPU load of the machine and of
 * this process, so that a run can say how busy the machine was with other work; and listens to the garbage
 * collector for the heap left after each collection (its peak is the most the run needed at once), the collections
 * and their pauses. Collections the harness causes ({@code System.gc()}, class histograms) are not counted.
 */
public final class Sampler implements AutoCloseable {
    private static final long PERIOD_MILLIS = 50;
    /** Collections the harness causes: System.gc() for live heap, class histograms. */
    private static final Set<String> HARNESS_CAUSES = Set.of("System.gc()", "Heap Inspection Initiated GC");
    private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final Thread thread;
    private volatile boolean stop;
    private volatile long peakUsed;
    private double systemLoadSum;
    private double processLoadSum;
    private int cpuSamples;
    private long peakAfterGc;
    private long collections;
    private long fullCollections;
    private long pauseMillis;
    private final List<Runnable> unregister = new ArrayList<>();

    public Sampler() {
        thread = new Thread(this::run, "bench-sampler");
        thread.setDaemon(true);
        thread.start();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                NotificationListener listener = (notification, handback) -> collected(notification);
                emitter.addNotificationListener(listener, null, null);
                unregister.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (ListenerNotFoundException e) {
                        // already gone
                    }
                });
            }
        }
    }

    private void collected(Notification notification) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                (CompositeData) notification.getUserData());
        if (HARNESS_CAUSES.contains(info.getGcCause())) {
            return;
        }
        long after = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (HEAP_POOLS.contains(pool.getKey())) {
                after += pool.getValue().getUsed();
            }
        }
        synchronized (this) {
            peakAfterGc = Math.max(peakAfterGc, after);
            collections++;
            pauseMillis += info.getGcInfo().getDuration();
            if (info.getGcAction().contains("major")) {
                fullCollections++;
            }
        }
    }

    private void run() {
        long n = 0;
        while (!stop) {
            peakUsed = Math.max(peakUsed, Heap.usedBytes());
            if (n++ % 10 == 0) { // every 0.5 s: the OS updates CPU figures slowly anyway
                double system = os.getCpuLoad();
                double process = os.getProcessCpuLoad();
                if (system >= 0 && process >= 0) {
                    synchronized (this) {
                        systemLoadSum += system;
                        processLoadSum += process;
                        cpuSamples++;
                    }
                }
            }
            Heap.sleep(PERIOD_MILLIS);
        }
    }

    public long peakUsedBytes() {
        return peakUsed;
    }

    /** The most heap left after a collection since the last reset: what the run needed at once, at least. */
    public synchronized long peakAfterGcBytes() {
        return peakAfterGc;
    }

    /** Collections since the last reset, the harness's own excepted. */
    public synchronized long collections() {
        return collections;
    }

    /** Of which full (major) collections. */
    public synchronized long fullCollections() {
        return fullCollections;
    }

    /** Their summed duration. */
    public synchronized long pauseMillis() {
        return pauseMillis;
    }

    /** Forgets what was sampled so far: peaks and loads from now on. */
    public synchronized void reset() {
        peakAfterGc = 0;
        collections = 0;
        fullCollections = 0;
        pauseMillis = 0;
        peakUsed = Heap.usedBytes();
        systemLoadSum = 0;
        processLoadSum = 0;
        cpuSamples = 0;
    }

    /** The machine's average CPU use since the last reset, 0 to 1 of all CPUs, or -1 if unknown. */
    public synchronized double systemCpu() {
        return cpuSamples == 0 ? -1 : systemLoadSum / cpuSamples;
    }

    /** This process's average share, 0 to 1 of all CPUs, or -1 if unknown. */
    public synchronized double processCpu() {
        return cpuSamples == 0 ? -1 : processLoadSum / cpuSamples;
    }

    @Override
    public void close() {
        unregister.forEach(Runnable::run);
        stop = true;
        thread.interrupt();
    }
}
