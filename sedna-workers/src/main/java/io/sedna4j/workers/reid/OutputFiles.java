package io.sedna4j.workers.reid;

import com.fasterxml.jackson.databind.JsonNode;
import io.sedna4j.api.codec.ResourceCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Files other processes read while the workers run: written whole or not at all. */
final class OutputFiles {
    private OutputFiles() {
    }

    static void writeJson(Path file, JsonNode json) throws IOException {
        write(file, ResourceCodec.toPrettyJson(json).getBytes(StandardCharsets.UTF_8));
    }

    static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A camera name as a directory name: letters, digits, '.', '-' and '_' kept, anything else '_'. */
    static String safeName(String camera) {
        String s = camera.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() || s.startsWith(".") ? "_" + s : s;
    }
}
