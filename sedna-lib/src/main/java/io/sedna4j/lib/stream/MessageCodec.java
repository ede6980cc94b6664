package io.sedna4j.lib.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedna4j.api.schema.Names;
import io.sedna4j.lib.LibException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Messages to bytes and back, in the language-neutral layout of docs/multi-edge-messages.md: a versioned JSON header
 * and binary parts (JPEG crops and frames, little-endian float32 embeddings). No Java serialization, no pickle.
 *
 * <p>Decoding checks everything and fails with a {@link LibException} that names the message's source, what is wrong
 * and the fix. Fields a reader does not know are ignored, so a later minor addition does not break older readers;
 * a higher {@code version} is refused, since it may change what known fields mean.
 */
public final class MessageCodec {
    /**
     * The newest header version this code reads. Writers use the oldest version that can say what a message says:
     * 1 for a frame, 2 for an end of stream ({@code endOfStream}), so readers of version 1 still read every frame.
     */
    public static final int VERSION = 2;
    public static final List<String> SCHEMAS = List.of(DetectedObjects.SCHEMA, EnrichedObjects.SCHEMA);

    private static final ObjectMapper JSON = new ObjectMapper();

    private MessageCodec() {
    }

    public static byte[] encode(ObjectMessage message) {
        List<byte[]> parts = new ArrayList<>();
        ObjectNode header = JSON.createObjectNode();
        Frame f = message.frame();
        header.put("schema", message.schema()).put("version", f.isEnd() ? 2 : 1).put("camera", f.camera())
                .put("videoId", f.videoId()).put("frame", f.number()).put("timestamp", f.timestamp().toString())
                .put("width", f.width()).put("height", f.height());
        if (f.isEnd()) {
            header.putObject("endOfStream").put("frames", f.end().frames());
        }
        ArrayNode objects = header.putArray("objects");
        if (message instanceof DetectedObjects d) {
            for (DetectedObject o : d.objects()) {
                writeObject(objects.addObject(), o.track(), o.box(), o.score(), o.crop(), parts);
            }
        } else if (message instanceof EnrichedObjects e) {
            for (EnrichedObject o : e.objects()) {
                ObjectNode node = writeObject(objects.addObject(), o.track(), o.box(), o.score(), o.crop(), parts);
                node.put("embedding", add(parts, floats(o.embedding().vector())))
                        .put("extractor", o.embedding().extractor()).put("dimension", o.embedding().dimension());
            }
        }
        putPart(header, "frameJpeg", message.frameJpeg(), parts);
        header.put("parts", parts.size());
        try {
            return Framing.write(JSON.writeValueAsBytes(header), parts);
        } catch (IOException e) {
            throw new LibException("cannot write the header of " + message + ": " + e.getMessage(), e);
        }
    }

    /** {@link #decode(byte[], String)} for a message whose origin has no better name. */
    public static ObjectMessage decode(byte[] bytes) {
        return decode(bytes, "a caller");
    }

    /**
     * Reads a message; {@code source} names where it came from in errors ("topic object_detection, partition 0,
     * offset 17", "POST /objects/object_detection from 10.0.0.5").
     */
    public static ObjectMessage decode(byte[] bytes, String source) {
        Framing.Envelope envelope = Framing.read(bytes, source);
        JsonNode header;
        try {
            header = JSON.readTree(envelope.header());
        } catch (JsonProcessingException e) {
            throw invalid(source, "has a header that is not JSON (" + e.getOriginalMessage() + ")",
                    "write the header as UTF-8 JSON (docs/multi-edge-messages.md)");
        } catch (IOException e) {
            throw invalid(source, "has an unreadable header (" + e.getMessage() + ")",
                    "write the header as UTF-8 JSON (docs/multi-edge-messages.md)");
        }
        if (header == null || !header.isObject()) {
            throw invalid(source, "has a header that is not a JSON object", "write the header as a JSON object");
        }
        String schema = schema(header, source);
        HeaderReader r = new HeaderReader(header, source, schema, header.get("version").asInt(), envelope.parts());
        return schema.equals(DetectedObjects.SCHEMA) ? r.detected() : r.enriched();
    }

    private static String schema(JsonNode header, String source) {
        JsonNode schema = header.get("schema");
        if (schema == null || !schema.isTextual()) {
            throw invalid(source, "has no \"schema\" in its header", "set \"schema\" to one of " + SCHEMAS);
        }
        if (!SCHEMAS.contains(schema.asText())) {
            throw invalid(source, "has the unknown schema \"" + schema.asText() + "\""
                    + Names.didYouMean(schema.asText(), SCHEMAS), "send one of " + SCHEMAS);
        }
        JsonNode version = header.get("version");
        if (version == null || !version.canConvertToInt() || !version.isIntegralNumber() || version.asInt() < 1) {
            throw invalid(source, "has \"version\": " + version + " for " + schema.asText(),
                    "set \"version\" to a whole number from 1 to " + VERSION);
        }
        if (version.asInt() > VERSION) {
            throw invalid(source, "has " + schema.asText() + " version " + version.asInt() + ", newer than this "
                    + "worker reads (up to version " + VERSION + ")", "upgrade Sedna4J on the receiving worker, "
                    + "or make the sender write version " + VERSION);
        }
        return schema.asText();
    }

    private static ObjectNode writeObject(ObjectNode node, int track, Box box, float score, byte[] crop,
            List<byte[]> parts) {
        node.put("track", track);
        node.putArray("box").add(box.x1()).add(box.y1()).add(box.x2()).add(box.y2());
        node.put("score", score);
        putPart(node, "crop", crop, parts);
        return node;
    }

    private static void putPart(ObjectNode node, String field, byte[] data, List<byte[]> parts) {
        if (data == null) {
            node.putNull(field);
        } else {
            node.put(field, add(parts, data));
        }
    }

    private static int add(List<byte[]> parts, byte[] data) {
        parts.add(data);
        return parts.size() - 1;
    }

    /** Embeddings travel as little-endian float32, what numpy's {@code frombuffer(b, "<f4")} reads. */
    static byte[] floats(float[] vector) {
        ByteBuffer b = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(vector);
        return b.array();
    }

    static float[] floats(byte[] bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }

    static LibException invalid(String source, String what, String fix) {
        return new LibException("the object message from " + source + " " + what + "; fix: " + fix);
    }
}
