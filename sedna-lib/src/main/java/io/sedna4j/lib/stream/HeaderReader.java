package io.sedna4j.lib.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.sedna4j.lib.LibException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Reads one header of a known schema and version, field by field, naming the field path in every error. */
final class HeaderReader {
    private final JsonNode header;
    private final String source;
    private final String schema;
    private final int version;
    private final List<byte[]> parts;

    HeaderReader(JsonNode header, String source, String schema, int version, List<byte[]> parts) {
        this.header = header;
        this.source = source;
        this.schema = schema;
        this.version = version;
        this.parts = parts;
        long declared = integer(header, "parts", 0, Integer.MAX_VALUE);
        if (declared != parts.size()) {
            throw Framing.truncated(source, "the header declares " + declared + " parts but " + parts.size()
                    + " follow it");
        }
    }

    DetectedObjects detected() {
        List<DetectedObject> objects = new ArrayList<>();
        JsonNode list = objects();
        for (int i = 0; i < list.size(); i++) {
            JsonNode o = list.get(i);
            String at = "objects[" + i + "].";
            objects.add(new DetectedObject((int) integer(o, at + "track", Integer.MIN_VALUE, Integer.MAX_VALUE),
                    box(o, at + "box"), number(o, at + "score"), part(o, at + "crop")));
        }
        return new DetectedObjects(frame(), objects, part(header, "frameJpeg"));
    }

    EnrichedObjects enriched() {
        List<EnrichedObject> objects = new ArrayList<>();
        JsonNode list = objects();
        for (int i = 0; i < list.size(); i++) {
            JsonNode o = list.get(i);
            String at = "objects[" + i + "].";
            objects.add(new EnrichedObject((int) integer(o, at + "track", Integer.MIN_VALUE, Integer.MAX_VALUE),
                    box(o, at + "box"), number(o, at + "score"), part(o, at + "crop"), embedding(o, at)));
        }
        return new EnrichedObjects(frame(), objects, part(header, "frameJpeg"));
    }

    private Frame frame() {
        String camera = text(header, "camera", false);
        if (camera.isEmpty()) {
            throw field("camera", "\"\"", "the camera's name");
        }
        return new Frame(camera, text(header, "videoId", true), integer(header, "frame", 0, Long.MAX_VALUE),
                timestamp(), (int) integer(header, "width", 0, Integer.MAX_VALUE),
                (int) integer(header, "height", 0, Integer.MAX_VALUE), end());
    }

    /** Version 2's {@code endOfStream}; a version 1 header has none (whatever it carries under that name). */
    private Frame.StreamEnd end() {
        JsonNode end = header.get("endOfStream");
        if (version < 2 || end == null || end.isNull()) {
            return null;
        }
        if (!end.isObject()) {
            throw field("endOfStream", end.toString(), "null, or an object such as {\"frames\": 50}");
        }
        return new Frame.StreamEnd(integer(end, "endOfStream.frames", 0, Long.MAX_VALUE));
    }

    private JsonNode objects() {
        JsonNode list = header.get("objects");
        if (list == null || !list.isArray()) {
            throw field("objects", String.valueOf(list), "a list of objects ([] when the frame has none)");
        }
        return list;
    }

    private Embedding embedding(JsonNode o, String at) {
        byte[] bytes = part(o, at + "embedding");
        if (bytes == null) {
            throw field(at + "embedding", "null", "the index of the part that holds the embedding");
        }
        String extractor = text(o, at + "extractor", false);
        long dimension = integer(o, at + "dimension", 1, Integer.MAX_VALUE / Float.BYTES);
        if (bytes.length != dimension * Float.BYTES) {
            throw field(at + "embedding", "a part of " + bytes.length + " bytes",
                    dimension + " float32 values (" + dimension * Float.BYTES + " bytes), as \"dimension\" says");
        }
        return new Embedding(extractor, MessageCodec.floats(bytes));
    }

    private Instant timestamp() {
        JsonNode t = header.get("timestamp");
        try {
            if (t != null && t.isIntegralNumber()) {
                return Instant.ofEpochMilli(t.asLong());
            }
            if (t != null && t.isTextual()) {
                return Instant.parse(t.asText());
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw field("timestamp", String.valueOf(t), "an ISO-8601 instant such as \"2024-05-01T12:00:00.040Z\" "
                + "or milliseconds since 1970");
    }

    private Box box(JsonNode o, String path) {
        JsonNode b = last(path, o);
        if (b == null || !b.isArray() || b.size() != 4 || !allNumbers(b)) {
            throw field(path, String.valueOf(b), "[x1, y1, x2, y2] in pixels");
        }
        return new Box(b.get(0).floatValue(), b.get(1).floatValue(), b.get(2).floatValue(), b.get(3).floatValue());
    }

    private static boolean allNumbers(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isNumber()) {
                return false;
            }
        }
        return true;
    }

    private float number(JsonNode o, String path) {
        JsonNode n = last(path, o);
        if (n == null || !n.isNumber()) {
            throw field(path, String.valueOf(n), "a number");
        }
        return n.floatValue();
    }

    private long integer(JsonNode o, String path, long min, long max) {
        JsonNode n = last(path, o);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < min || n.asLong() > max) {
            throw field(path, String.valueOf(n), "a whole number" + (min == 0 ? " from 0" : min == 1 ? " from 1" : ""));
        }
        return n.asLong();
    }

    private String text(JsonNode o, String path, boolean optional) {
        JsonNode n = last(path, o);
        if (optional && (n == null || n.isNull())) {
            return null;
        }
        if (n == null || !n.isTextual()) {
            throw field(path, String.valueOf(n), "a string");
        }
        return n.asText();
    }

    /** The bytes of the part a field points to, or null for a null or absent index. */
    private byte[] part(JsonNode o, String path) {
        JsonNode n = last(path, o);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() || n.asLong() < 0 || n.asLong() >= parts.size()) {
            throw field(path, n.toString(), "null or the index of a part, from 0 to " + (parts.size() - 1));
        }
        return parts.get(n.asInt());
    }

    /** The node's field named by the last segment of {@code path} ("objects[2].box" reads "box" of object 2). */
    private static JsonNode last(String path, JsonNode o) {
        return o.get(path.substring(path.lastIndexOf('.') + 1));
    }

    private LibException field(String path, String found, String expected) {
        return MessageCodec.invalid(source, "has \"" + path + "\": " + found + " where " + schema + " version "
                + version + " expects " + expected, "fix the sender to write the header of "
                + "docs/multi-edge-messages.md");
    }
}
