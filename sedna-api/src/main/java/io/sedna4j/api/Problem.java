package io.sedna4j.api;

/**
 * One thing wrong with a manifest, with everything a user needs to find and fix it.
 *
 * @param document the document's ordinal in the file, from 1; 0 for the file as a whole
 * @param line     1-based; 0 when the problem concerns the whole file
 * @param path     the field path, e.g. {@code spec.edgeWorker.hardExampleMining.name}; empty for a whole document
 * @param hint     how to fix it
 */
public record Problem(Severity severity, String file, int document, int line, int column, String path,
                      String message, String hint) {

    public enum Severity { ERROR, WARNING }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /**
     * {@code file:line:column: error: [document 2] spec.x: message} and the hint on a second, indented line. The
     * place comes first so that editors and terminals can jump to it.
     */
    public String format() {
        StringBuilder s = new StringBuilder(file);
        if (line > 0) {
            s.append(':').append(line).append(':').append(column);
        }
        s.append(": ").append(severity.name().toLowerCase()).append(": ");
        if (document > 0) {
            s.append("[document ").append(document).append("] ");
        }
        if (!path.isEmpty()) {
            s.append(path).append(": ");
        }
        s.append(message);
        if (hint != null && !hint.isEmpty()) {
            s.append(System.lineSeparator()).append("    fix: ").append(hint);
        }
        return s.toString();
    }
}
