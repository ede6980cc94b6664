package io.sedna4j.bench.jvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine a benchmark ran on, as benchmarks.md states it. */
public final class Machine {
    private Machine() {
    }

    public static int cpus() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** Physical memory, from /proc/meminfo; -1 if unknown. */
    public static long memoryBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return -1;
    }

    /** The first three fields of /proc/loadavg (1, 5 and 15 minutes), or "unknown". */
    public static String loadAverage() {
        try {
            List<String> fields = List.of(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+"));
            return String.join(" ", fields.subList(0, 3));
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** What {@code java -version} says, on one line. */
    public static String java() {
        return System.getProperty("java.runtime.name", "Java") + " " + System.getProperty("java.runtime.version", "?")
                + " (" + System.getProperty("java.vm.name", "?") + ", " + System.getProperty("java.vm.vendor", "?") + ")";
    }

    /** The open-files limit of this process, from /proc/self/limits; -1 if unknown. */
    public static long openFilesLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String[] f = line.substring("Max open files".length()).trim().split("\\s+");
                    return f[0].equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(f[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }

    public static String describe() {
        long mem = memoryBytes();
        return cpus() + " CPUs, " + (mem < 0 ? "unknown memory" : String.format("%.1f GiB", mem / (double) (1L << 30)))
                + ", " + java() + ", load average " + loadAverage();
    }
}
