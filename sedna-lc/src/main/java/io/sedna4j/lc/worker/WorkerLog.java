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
}
