package io.sedna4j.api.codec;

import java.util.regex.Pattern;

/**
 * Field paths as users read them: {@code spec.trainingWorkers[1].dataset.name}, with keys that are not plain
 * identifiers in brackets: {@code nodeSelector["node-role.kubernetes.io/master"]}.
 */
public final class FieldPath {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private FieldPath() {
    }

    public static String field(String parent, String key) {
        if (!PLAIN.matcher(key).matches()) {
            return parent + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
        }
        return parent.isEmpty() ? key : parent + "." + key;
    }

    public static String item(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** The path one level up: {@code a.b[2]} → {@code a.b}, {@code a.b} → {@code a}, {@code a} → {@code ""}. */
    public static String parent(String path) {
        if (path.endsWith("]")) {
            return path.substring(0, path.lastIndexOf('['));
        }
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }
}
