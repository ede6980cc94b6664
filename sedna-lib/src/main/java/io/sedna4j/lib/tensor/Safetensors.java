package io.sedna4j.lib.tensor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.lib.LibException;
import io.sedna4j.lib.estimator.NamedTensors;
import io.sedna4j.lib.estimator.NamedTensors.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named float32 tensors in the safetensors layout: an 8-byte little-endian header length N, N bytes of JSON
 * ({@code {"name":{"dtype":"F32","shape":[..],"data_offsets":[begin,end]}, "__metadata__":{..}}}, padded with
 * spaces to a multiple of 8), then the little-endian data, offsets counted from the end of the header. Tensors are
 * written in their order and read back in the order of their data, so a round trip keeps the order. Reading checks
 * the layout (lengths, dtype, shapes, offsets that cover the data without gaps or overlaps); what the values mean
 * (NaN, ranges) is the caller's business.
 */
public final class Safetensors {
    /** More header than this is not a weights file (the reference implementation's limit is 100 MB). */
    private static final long MAX_HEADER = 100L << 20;
    private static final String METADATA = "__metadata__";

    private Safetensors() {
    }

    public static byte[] write(NamedTensors tensors) {
        return write(tensors, Map.of());
    }

    /** The bytes of {@code tensors}, with string {@code metadata} in {@code __metadata__} (left out when empty). */
    public static byte[] write(NamedTensors tensors, Map<String, String> metadata) {
        ObjectNode header = ResourceCodec.json().createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject(METADATA);
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.tensors().entrySet()) {
            String name = e.getKey();
            Tensor t = e.getValue();
            if (name.equals(METADATA)) {
                throw new LibException("tensor name \"" + METADATA + "\" is reserved by safetensors; fix: rename it");
            }
            long elements = elements(t.shape(), name);
            if (elements != t.values().length) {
                throw new LibException("tensor \"" + name + "\" has shape " + java.util.Arrays.toString(t.shape())
                        + " (" + elements + " values) but " + t.values().length + " values; fix: make them agree");
            }
            ObjectNode entry = header.putObject(name);
            entry.put("dtype", "F32");
            ArrayNode shape = entry.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            entry.putArray("data_offsets").add(offset).add(offset + elements * 4);
            offset += elements * 4;
        }
        byte[] json;
        try {
            json = ResourceCodec.json().writeValueAsBytes(header);
        } catch (JsonProcessingException e) {
            throw new LibException("cannot write the safetensors header: " + e.getMessage(), e);
        }
        int padded = (json.length + 7) / 8 * 8; // the format aligns the data to 8 bytes
        long total = 8L + padded + offset;
        if (total > Integer.MAX_VALUE - 16) {
            throw new LibException("the tensors take " + total + " bytes, more than one array holds; fix: write them"
                    + " in parts");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        for (Tensor t : tensors.tensors().values()) {
            out.asFloatBuffer().put(t.values());
            out.position(out.position() + t.values().length * 4);
        }
        return out.array();
    }

    public static void write(NamedTensors tensors, Path file) {
        try {
            Files.write(file, write(tensors));
        } catch (IOException e) {
            throw new LibException("cannot write weights to " + file + ": " + e.getMessage()
                    + "; fix: check that the directory exists and is writable", e);
        }
    }

    public static NamedTensors read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new LibException("cannot read weights from " + file + ": " + e.getMessage(), e);
        }
        return read(bytes, file.toString());
    }

    public static NamedTensors read(byte[] bytes) {
        return read(bytes, "safetensors data");
    }

    /** The tensors in {@code bytes}; {@code source} names them in errors (a file, a peer). */
    public static NamedTensors read(byte[] bytes, String source) {
        Header h = header(bytes, source);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        ByteBuffer data = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (Entry e : h.entries) {
            float[] values = new float[(int) ((e.end - e.begin) / 4)];
            data.position((int) (h.dataStart + e.begin));
            data.asFloatBuffer().get(values);
            tensors.put(e.name, new Tensor(e.shape, values));
        }
        return new NamedTensors(tensors);
    }

    /** The {@code __metadata__} strings of {@code bytes}, empty when there are none. */
    public static Map<String, String> metadata(byte[] bytes, String source) {
        return header(bytes, source).metadata;
    }

    private record Entry(String name, long[] shape, long begin, long end) {
    }

    private record Header(List<Entry> entries, Map<String, String> metadata, long dataStart) {
    }

    private static Header header(byte[] bytes, String source) {
        if (bytes.length < 8) {
            throw bad(source, "it has " + bytes.length + " bytes, fewer than the 8 of the header length");
        }
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n < 2 || n > MAX_HEADER || n > bytes.length - 8L) {
            throw bad(source, "its header length is " + n + " but " + (bytes.length - 8) + " bytes follow (truncated,"
                    + " or not safetensors)");
        }
        JsonNode root;
        try {
            root = ResourceCodec.json().readTree(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw bad(source, "its header is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw bad(source, "its header is not a JSON object");
        }
        long dataStart = 8 + n;
        long dataLength = bytes.length - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            String name = field.getKey();
            JsonNode v = field.getValue();
            if (name.equals(METADATA)) {
                if (!v.isObject()) {
                    throw bad(source, "__metadata__ is not an object of strings");
                }
                v.properties().forEach(m -> metadata.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            String dtype = v.path("dtype").asText();
            if (!dtype.equals("F32")) {
                throw bad(source, "tensor \"" + name + "\" has dtype \"" + dtype + "\"; only F32 is supported"
                        + " (convert the weights to float32)");
            }
            JsonNode shapeNode = v.path("shape");
            JsonNode offsets = v.path("data_offsets");
            if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2
                    || !offsets.get(0).canConvertToLong() || !offsets.get(1).canConvertToLong()) {
                throw bad(source, "tensor \"" + name + "\" needs \"shape\" (a list) and \"data_offsets\" (two numbers)");
            }
            long[] shape = new long[shapeNode.size()];
            for (int i = 0; i < shape.length; i++) {
                if (!shapeNode.get(i).canConvertToLong() || shapeNode.get(i).asLong() < 0) {
                    throw bad(source, "tensor \"" + name + "\" has a bad shape " + shapeNode);
                }
                shape[i] = shapeNode.get(i).asLong();
            }
            long begin = offsets.get(0).asLong();
            long end = offsets.get(1).asLong();
            long elements = elements(shape, name);
            if (begin < 0 || end < begin || end > dataLength) {
                throw bad(source, "tensor \"" + name + "\" has data_offsets [" + begin + ", " + end + "] outside the "
                        + dataLength + " bytes of data (truncated?)");
            }
            if (end - begin != elements * 4) {
                throw bad(source, "tensor \"" + name + "\" of shape " + shapeNode + " needs " + elements * 4
                        + " bytes but data_offsets [" + begin + ", " + end + "] give " + (end - begin));
            }
            entries.add(new Entry(name, shape, begin, end));
        }
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        for (Entry e : entries) {
            if (e.begin != expected && e.end > e.begin) {
                throw bad(source, "tensor \"" + e.name + "\" starts at byte " + e.begin + " of the data, expected "
                        + expected + " (tensors overlap or leave a gap)");
            }
            expected = Math.max(expected, e.end);
        }
        if (expected != dataLength) {
            throw bad(source, "its tensors cover " + expected + " bytes of data but " + dataLength + " follow the header");
        }
        return new Header(entries, metadata, dataStart);
    }

    private static long elements(long[] shape, String name) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new LibException("tensor \"" + name + "\" has a negative dimension; fix: check its shape");
            }
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                n = Long.MAX_VALUE; // reported below as too many values
                break;
            }
        }
        if (n > Integer.MAX_VALUE / 4) {
            throw new LibException("tensor \"" + name + "\" has " + n + " values, too many for one array");
        }
        return n;
    }

    private static LibException bad(String source, String what) {
        return new LibException(source + " is not valid safetensors: " + what
                + "; fix: send or load a file written by a safetensors writer");
    }
}
