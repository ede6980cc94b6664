package io.sedna4j.bench.jvm;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** The heap as the harness measures it. */
public final class Heap {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private Heap() {
    }

    /**
     * Used heap after collecting garbage: {@link System#gc()} until two readings in a row agree within 1 % (at most
     * five times), so that what is left is what is live.
     */
    public static long liveBytes() {
        long previous = Long.MAX_VALUE;
        long used = usedBytes();
        for (int i = 0; i < 5; i++) {
            System.gc();
            sleep(150);
            used = usedBytes();
            if (Math.abs(previous - used) < used / 100) {
                break;
            }
            previous = used;
        }
        return used;
    }

    public static long usedBytes() {
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    public static long maxBytes() {
        return MEMORY.getHeapMemoryUsage().getMax();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
