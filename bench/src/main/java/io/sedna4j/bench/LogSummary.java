package io.sedna4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the GM logged during a run (slf4j-simple's format), grouped by level, logger and message shape (node names
 * and numbers masked), so that noise at scale shows as "N × the same line".
 */
public final class LogSummary {
    private static final Pattern LINE = Pattern.compile("\\[([^\\]]*)\\] (TRACE|DEBUG|INFO|WARN|ERROR) (\\S+) - (.*)");

    /** One kind of line: how often, and its first occurrence. */
    public record Group(String level, String logger, String shape, long count, String example) {
    }

    private final long lines;
    private final long bytes;
    private final Map<String, Long> byLevel;
    private final List<Group> groups;

    private LogSummary(long lines, long bytes, Map<String, Long> byLevel, List<Group> groups) {
        this.lines = lines;
        this.bytes = bytes;
        this.byLevel = byLevel;
        this.groups = groups;
    }

    public static LogSummary of(Path file) {
        long lines = 0;
        long bytes = 0;
        Map<String, Long> byLevel = new HashMap<>();
        Map<String, long[]> counts = new HashMap<>();
        Map<String, String[]> first = new HashMap<>();
        if (Files.isRegularFile(file)) {
            try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines++;
                    bytes += line.length() + 1;
                    Matcher m = LINE.matcher(line);
                    if (!m.find()) {
                        byLevel.merge("(continuation, e.g. stack trace)", 1L, Long::sum);
                        continue;
                    }
                    String level = m.group(2);
                    String logger = m.group(3);
                    String shape = shape(m.group(4));
                    byLevel.merge(level, 1L, Long::sum);
                    String key = level + " " + logger + " " + shape;
                    counts.computeIfAbsent(key, k -> new long[1])[0]++;
                    first.putIfAbsent(key, new String[] {level, logger, shape, abbreviate(m.group(4), 200)});
                }
            } catch (IOException e) {
                byLevel.put("(unreadable: " + e.getMessage() + ")", 0L);
            }
        }
        List<Group> groups = new ArrayList<>();
        counts.forEach((key, c) -> {
            String[] f = first.get(key);
            groups.add(new Group(f[0], f[1], f[2], c[0], f[3]));
        });
        groups.sort((a, b) -> Long.compare(b.count(), a.count()));
        return new LogSummary(lines, bytes, byLevel, groups);
    }

    static String shape(String message) {
        String s = message.replaceAll("edge-\\d+", "edge-#").replaceAll("\\d+", "#");
        return abbreviate(s, 100);
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

    public long lines() {
        return lines;
    }

    public long bytes() {
        return bytes;
    }

    public Map<String, Long> byLevel() {
        return byLevel;
    }

    public List<Group> top(int n) {
        return groups.subList(0, Math.min(n, groups.size()));
    }
}
