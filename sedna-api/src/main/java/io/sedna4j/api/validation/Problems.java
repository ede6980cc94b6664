package io.sedna4j.api.validation;

import io.sedna4j.api.Problem;
import io.sedna4j.api.Problem.Severity;
import io.sedna4j.api.codec.Position;
import io.sedna4j.api.codec.YamlDocument;
import java.util.List;

/** Collects the problems of one document, placing each at the line of its field path. */
public final class Problems {
    private final String file;
    private final YamlDocument document;
    private final List<Problem> out;
    private int errors;

    public Problems(String file, YamlDocument document, List<Problem> out) {
        this.file = file;
        this.document = document;
        this.out = out;
    }

    public void error(String path, String message, String hint) {
        add(Severity.ERROR, path, message, hint);
    }

    public void warning(String path, String message, String hint) {
        add(Severity.WARNING, path, message, hint);
    }

    private void add(Severity severity, String path, String message, String hint) {
        if (severity == Severity.ERROR) {
            errors++;
        }
        Position p = document.position(path);
        out.add(new Problem(severity, file, document.index(), p.line(), p.column(), path, message, hint));
    }

    /** Errors reported through this collector so far. */
    public int errorCount() {
        return errors;
    }

    public YamlDocument document() {
        return document;
    }
}
