package io.sedna4j.api.codec;

import io.sedna4j.api.Problem;
import io.sedna4j.api.Problem.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Sedna's own pedestrian-tracking {@code reid-job.yaml} starts with an indented {@code apiVersion:} line above
 * unindented ones, which no YAML parser accepts. Users copy that file, so we read it as its author meant: the first
 * line of such a document loses its indentation, and the user is told.
 */
final class IndentedFirstLine {
    private IndentedFirstLine() {
    }

    /** The text with each document's over-indented first line repaired, or {@code null} if none is. */
    static String repair(String text) {
        List<Integer> lines = find(text);
        if (lines.isEmpty()) {
            return null;
        }
        String[] all = text.split("\n", -1);
        for (int i : lines) {
            all[i] = all[i].stripLeading();
        }
        return String.join("\n", all);
    }

    static List<Problem> warnings(String file, String text) {
        List<Problem> warnings = new ArrayList<>();
        String[] all = text.split("\n", -1);
        for (int i : find(text)) {
            warnings.add(new Problem(Severity.WARNING, file, 0, i + 1, 1, "",
                    "this line is indented but the lines after it are not; read as if it were not indented",
                    "remove the " + indent(all[i]) + " leading spaces"));
        }
        return warnings;
    }

    /** 0-based numbers of first lines of documents that are indented deeper than the next top-level line. */
    private static List<Integer> find(String text) {
        String[] lines = text.split("\n", -1);
        List<Integer> found = new ArrayList<>();
        int first = -1;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String stripped = line.strip();
            if (stripped.startsWith("---")) {
                first = -1;
                continue;
            }
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            if (first < 0) {
                first = i;
            } else if (indent(line) == 0 && indent(lines[first]) > 0 && !found.contains(first)) {
                found.add(first);
            }
        }
        return found;
    }

    private static int indent(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }
}
