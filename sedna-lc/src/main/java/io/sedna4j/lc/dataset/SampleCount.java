package io.sedna4j.lc.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Counts the samples of a dataset index file, as Sedna's formats define them. */
final class SampleCount {
    private SampleCount() {
    }

    /**
     * {@code txt}: every non-empty line is a sample. {@code csv}: the first non-empty line is the header, each
     * non-empty line after it a sample. Blank lines never count (Sedna counts them; an editor's trailing newline
     * is not a sample).
     */
    static int count(Path index, String format) throws IOException {
        boolean csv = format != null && format.toLowerCase(Locale.ROOT).equals("csv");
        int lines = 0;
        // ISO-8859-1 never fails to decode, and the line breaks of UTF-8 text are the same bytes
        try (BufferedReader r = Files.newBufferedReader(index, StandardCharsets.ISO_8859_1)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    lines++;
                }
            }
        }
        return csv ? Math.max(0, lines - 1) : lines;
    }
}
