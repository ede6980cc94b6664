package io.sedna4j.api.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One document of a manifest file as parsed, before it is checked against the model: its tree, and where each field
 * path sits in the source so that every problem can name its line.
 *
 * @param index     the document's ordinal in the file, from 1
 * @param tree      the document as JSON
 * @param positions field path → position; {@code ""} is the document itself
 * @param source    the whole file's text, to quote a value as its author wrote it
 */
public record YamlDocument(int index, JsonNode tree, Map<String, Position> positions, String source) {
    /** The position of {@code path}, or of its nearest ancestor that has one. */
    public Position position(String path) {
        for (String p = path; ; p = FieldPath.parent(p)) {
            Position position = positions.get(p);
            if (position != null) {
                return position;
            }
            if (p.isEmpty()) {
                return Position.NONE;
            }
        }
    }

    /** The source text of the value at {@code path}, as written, without an anchor or tag before it. */
    public String sourceText(String path) {
        Position p = positions.get(path);
        return p == null ? null
                : source.substring(p.valueStart(), p.valueEnd()).strip().replaceFirst("^([&!]\\S*\\s+)+", "");
    }
}
