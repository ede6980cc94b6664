package io.sedna4j.lc.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A worker's log file, {@code <nodeDir>/workers/<worker>/log}: its output, and a line per start and exit. */
final class WorkerLog {
    private static final Logger log = LoggerFactory.getLogger(WorkerLog.class);

    private WorkerLog() {
    }

    static Path of(Path nodeDir, String worker) {
        return nodeDir.resolve("workers").resolve(worker).resolve("log");
    }

    static void line(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "--- " + text + " at " + Instant.now() + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            log.warn("cannot write to the worker log {}: {}", file, e.getMessage());
        }
    }

    /**
     * The worker's last line of output before its exit (not one of our "---" lines), cut to 300 characters: usually
     * the reason it failed, so that {@code describe} can show it without opening the log.
     */
    static String lastOutput(Path file) {
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, f.length() - 8192);
            byte[] tail = new byte[(int) (f.length() - start)];
            f.seek(start);
            f.readFully(tail);
            String[] lines = new String(tail, StandardCharsets.UTF_8).split("\\R");
            for (int i = lines.length - 1; i >= 0; i--) {
                String line = lines[i].strip();
                if (!line.isEmpty() && !line.startsWith("--- ") && !line.startsWith("at ")) {
                    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
                }
            }
        } catch (IOException e) {
            log.debug("cannot read the worker log {}: {}", file, e.getMessage());
        }
        return null;
    }
}
