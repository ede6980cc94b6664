package io.sedna4j.lib.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Writes small ustar .tar.gz files for tests, including the malicious entries no well-behaved tool writes. */
final class Tars {
    private Tars() {
    }

    /** Entries by name; a name ending in "/" is a directory; a value starting with "->" is a symlink to the rest. */
    static void write(Path out, Map<String, String> entries) throws IOException {
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(out))) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                boolean dir = e.getKey().endsWith("/");
                boolean link = e.getValue().startsWith("->");
                byte[] data = dir || link ? new byte[0] : e.getValue().getBytes(StandardCharsets.UTF_8);
                gz.write(header(e.getKey(), data.length, dir ? '5' : link ? '2' : '0',
                        link ? e.getValue().substring(2) : ""));
                gz.write(data);
                gz.write(new byte[(512 - data.length % 512) % 512]);
            }
            gz.write(new byte[1024]);
        }
    }

    private static byte[] header(String name, long size, char type, String linkName) {
        byte[] h = new byte[512];
        put(h, 0, name, 100);
        put(h, 100, "0000644", 8);
        put(h, 108, "0000000", 8);
        put(h, 116, "0000000", 8);
        put(h, 124, String.format("%011o", size), 12);
        put(h, 136, String.format("%011o", 0), 12);
        h[156] = (byte) type;
        put(h, 157, linkName, 100);
        put(h, 257, "ustar", 6);
        put(h, 263, "00", 2);
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum), 7);
        return h;
    }

    private static void put(byte[] h, int offset, String s, int max) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, offset, Math.min(b.length, max));
    }

    static byte[] bytes(Map<String, String> entries) throws IOException {
        Path tmp = Files.createTempFile("tars", ".tar.gz");
        try {
            write(tmp, entries);
            return Files.readAllBytes(tmp);
        } finally {
            Files.delete(tmp);
        }
    }
}
