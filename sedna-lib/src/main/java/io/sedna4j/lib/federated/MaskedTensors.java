package io.sedna4j.lib.federated;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.lib.LibException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A masked update on the wire: named int64 tensors (ring elements, see {@link FixedPoint}) in the safetensors layout
 * with dtype {@code I64}, so that the same header names the tensors, their shapes and the message metadata as for
 * float weights. Written and read here because {@link io.sedna4j.lib.tensor.Safetensors} holds float32 only.
 *
 * @param tensors  name → values
 * @param shapes   name → shape
 * @param metadata the message header
 */
public record MaskedTensors(Map<String, long[]> tensors, Map<String, long[]> shapes, Map<String, String> metadata) {

    public byte[] write() {
        ObjectNode header = ResourceCodec.json().createObjectNode();
        ObjectNode meta = header.putObject("__metadata__");
        metadata.forEach(meta::put);
        long offset = 0;
        for (Map.Entry<String, long[]> e : tensors.entrySet()) {
            ObjectNode entry = header.putObject(e.getKey());
            entry.put("dtype", "I64");
            var shape = entry.putArray("shape");
            for (long d : shapes.get(e.getKey())) {
                shape.add(d);
            }
            entry.putArray("data_offsets").add(offset).add(offset + e.getValue().length * 8L);
            offset += e.getValue().length * 8L;
        }
        byte[] json;
        try {
            json = ResourceCodec.json().writeValueAsBytes(header);
        } catch (JsonProcessingException e) {
            throw new LibException("cannot write a masked update header: " + e.getMessage(), e);
        }
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        for (long[] values : tensors.values()) {
            out.asLongBuffer().put(values);
            out.position(out.position() + values.length * 8);
        }
        return out.array();
    }

    /** Whether {@code bytes} hold int64 tensors (a masked update) rather than float32 weights. */
    static boolean isMasked(byte[] bytes) {
        JsonNode header = header(bytes, "message");
        for (var field : header.properties()) {
            if (!field.getKey().equals("__metadata__")) {
                return field.getValue().path("dtype").asText().equals("I64");
            }
        }
        return false;
    }

    static MaskedTensors read(byte[] bytes, String source) {
        JsonNode header = header(bytes, source);
        long dataStart = 8 + ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        ByteBuffer data = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, long[]> tensors = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        long expected = 0;
        for (var field : header.properties()) {
            JsonNode v = field.getValue();
            if (field.getKey().equals("__metadata__")) {
                v.properties().forEach(m -> metadata.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            if (!v.path("dtype").asText().equals("I64")) {
                throw bad(source, "tensor \"" + field.getKey() + "\" has dtype " + v.path("dtype") + ", not I64");
            }
            long[] shape = new long[v.path("shape").size()];
            long elements = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = v.path("shape").get(i).asLong();
                elements *= shape[i];
            }
            long begin = v.path("data_offsets").path(0).asLong(-1);
            long end = v.path("data_offsets").path(1).asLong(-1);
            if (begin != expected || end - begin != elements * 8 || dataStart + end > bytes.length) {
                throw bad(source, "tensor \"" + field.getKey() + "\" has data_offsets [" + begin + ", " + end
                        + "] that do not follow the previous tensor or fit its shape and the data");
            }
            long[] values = new long[(int) elements];
            data.position((int) (dataStart + begin));
            data.asLongBuffer().get(values);
            tensors.put(field.getKey(), values);
            shapes.put(field.getKey(), shape);
            expected = end;
        }
        if (dataStart + expected != bytes.length) {
            throw bad(source, "its tensors cover " + expected + " bytes but " + (bytes.length - dataStart) + " follow");
        }
        return new MaskedTensors(tensors, shapes, metadata);
    }

    private static JsonNode header(byte[] bytes, String source) {
        if (bytes.length < 8) {
            throw bad(source, "it has only " + bytes.length + " bytes");
        }
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n < 2 || n > bytes.length - 8L) {
            throw bad(source, "its header length " + n + " does not fit the " + bytes.length + " bytes");
        }
        try {
            JsonNode root = ResourceCodec.json().readTree(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));
            if (root == null || !root.isObject()) {
                throw bad(source, "its header is not a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw bad(source, "its header is not JSON: " + e.getOriginalMessage());
        }
    }

    private static LibException bad(String source, String what) {
        return new LibException(source + " is not a valid masked update: " + what
                + "; fix: send updates with a Sedna4J federated learning client");
    }
}
