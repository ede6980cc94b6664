package io.sedna4j.lib.storage;

import io.sedna4j.lib.LibException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unpacks gzip-compressed tar archives (ustar, GNU long names, pax paths and sizes), safely: an entry whose path is
 * absolute or climbs out of the target ({@code ../}) is refused, and links are not created (a link could point a
 * later entry outside the target), only logged. Devices and FIFOs are skipped.
 */
public final class TarGz {
    private static final Logger log = LoggerFactory.getLogger(TarGz.class);
    private static final int BLOCK = 512;

    private TarGz() {
    }

    /** Whether a file name says it is a gzip-compressed tar archive. */
    public static boolean isArchive(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".tar.gz") || n.endsWith(".tgz");
    }

    /** Unpacks {@code archive} into the directory {@code target} (created if needed). */
    public static void unpack(Path archive, Path target) {
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(archive), 1 << 16),
                1 << 16)) {
            unpack(in, target.toAbsolutePath().normalize(), archive.toString());
        } catch (IOException e) {
            throw new LibException("cannot unpack " + archive + ": " + e.getMessage()
                    + "; fix: check that it is a complete .tar.gz archive", e);
        }
    }

    private static void unpack(InputStream in, Path target, String source) throws IOException {
        Files.createDirectories(target);
        byte[] header = new byte[BLOCK];
        String longName = null;
        Map<String, String> pax = Map.of();
        while (true) {
            int read = in.readNBytes(header, 0, BLOCK);
            if (read == 0) {
                return; // some writers omit the two zero blocks at the end
            }
            if (read < BLOCK) {
                throw new EOFException("the archive ends inside an entry header");
            }
            if (allZero(header)) {
                return;
            }
            checkChecksum(header, source);
            String name = string(header, 0, 100);
            if ("ustar".equals(string(header, 257, 5))) {
                String prefix = string(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
            }
            long size = number(header, 124, 12);
            if (longName != null) {
                name = longName;
                longName = null;
            }
            if (pax.containsKey("path")) {
                name = pax.get("path");
            }
            if (pax.containsKey("size")) {
                try {
                    size = Long.parseLong(pax.get("size").trim());
                } catch (NumberFormatException e) {
                    throw new IOException("entry " + name + " has a bad pax size \"" + pax.get("size") + "\"");
                }
            }
            pax = Map.of();
            char type = (char) header[156];
            switch (type) {
                case 'L' -> {
                    longName = string(readData(in, size), 0, (int) size);
                    continue;
                }
                case 'x' -> {
                    pax = paxRecords(readData(in, size));
                    continue;
                }
                case '5' -> Files.createDirectories(inside(target, name, source));
                case '0', '\0', '7' -> {
                    Path file = inside(target, name, source);
                    if (file.equals(target)) {
                        throw new IOException("a file entry has an empty name");
                    }
                    Files.createDirectories(file.getParent());
                    try (OutputStream out = Files.newOutputStream(file)) {
                        copy(in, out, size);
                    }
                    skip(in, padding(size));
                    continue;
                }
                case '1', '2' -> log.warn("{}: entry {} is a link; links are not unpacked", source, name);
                default -> {
                    if (type != 'g') {
                        log.warn("{}: entry {} of type '{}' is not a file or directory; skipped", source, name, type);
                    }
                }
            }
            skip(in, size + padding(size));
        }
    }

    /** {@code name} resolved in {@code target}; refused when it would land outside. */
    static Path inside(Path target, String name, String source) {
        String n = name;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        Path p;
        try {
            p = target.resolve(n).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new LibException(source + ": entry \"" + name + "\" is not a valid path; fix: repack the archive");
        }
        if (n.startsWith("/") || Path.of(n).isAbsolute() || !p.startsWith(target)) {
            throw new LibException(source + ": entry \"" + name + "\" would be written outside " + target
                    + "; refused; fix: pack the archive with paths relative to its root (tar -C dir -czf x.tar.gz .)");
        }
        return p;
    }

    private static void checkChecksum(byte[] h, String source) throws IOException {
        long expected = number(h, 148, 8);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += i >= 148 && i < 156 ? ' ' : h[i] & 0xff;
        }
        if (sum != expected) {
            throw new IOException(source + " has a damaged tar header (checksum " + expected + ", computed " + sum + ")");
        }
    }

    /** Octal, NUL- or space-terminated; or base-256 when the high bit is set (GNU, for large sizes). */
    private static long number(byte[] h, int offset, int length) {
        if ((h[offset] & 0x80) != 0) {
            long v = h[offset] & 0x7f;
            for (int i = 1; i < length; i++) {
                v = (v << 8) | (h[offset + i] & 0xff);
            }
            return v;
        }
        long v = 0;
        for (int i = offset; i < offset + length; i++) {
            byte b = h[i];
            if (b == 0 || b == ' ') {
                if (v > 0) {
                    break;
                }
                continue;
            }
            if (b < '0' || b > '7') {
                break;
            }
            v = v * 8 + (b - '0');
        }
        return v;
    }

    private static String string(byte[] b, int offset, int length) {
        int end = offset;
        while (end < offset + length && end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static Map<String, String> paxRecords(byte[] data) {
        // records are "<length> <key>=<value>\n", the length counting the whole record
        Map<String, String> records = new HashMap<>();
        int i = 0;
        while (i < data.length) {
            int space = i;
            while (space < data.length && data[space] != ' ') {
                space++;
            }
            if (space >= data.length) {
                break;
            }
            int length = Integer.parseInt(new String(data, i, space - i, StandardCharsets.US_ASCII).trim());
            if (length <= 0 || i + length > data.length) {
                break;
            }
            String record = new String(data, space + 1, i + length - space - 2, StandardCharsets.UTF_8);
            int eq = record.indexOf('=');
            if (eq > 0) {
                records.put(record.substring(0, eq), record.substring(eq + 1));
            }
            i += length;
        }
        return records;
    }

    private static byte[] readData(InputStream in, long size) throws IOException {
        if (size > 1 << 20) {
            throw new IOException("an extended header of " + size + " bytes is implausible");
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length < size) {
            throw new EOFException("the archive ends inside an extended header");
        }
        skip(in, padding(size));
        return data;
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("the archive ends inside a file");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static void skip(InputStream in, long n) throws IOException {
        in.skipNBytes(n);
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
