package io.sedna4j.lib.jointinference;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.Locale;

/**
 * How inputs and results cross the wire between edge and cloud: a value to bytes and back, with the media type of
 * the bytes. A JSON codec travels inside Sedna's envelope ({@code {"data": …}} in, {@code {"result": …}} out), so
 * Sedna's Python workers understand it; any other codec (bytes, JPEG) travels as the raw body with its own media type,
 * which avoids Sedna's nested-list images. See {@link BigModelService} for the exact rules.
 */
public interface Codec<T> {

    /** The media type of {@link #encode}'s bytes, e.g. {@code application/json}, {@code image/jpeg}. */
    String contentType();

    byte[] encode(T value);

    /** The value of {@code bytes}; throws (any runtime exception) when they are not one. */
    T decode(byte[] bytes);

    /** Whether the bytes are JSON, and so travel inside Sedna's envelope. */
    default boolean isJson() {
        return contentType().toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    /** Values as JSON through Jackson (records, lists, arrays, maps). */
    static <T> JsonCodec<T> json(Class<T> type) {
        return new JsonCodec<>(type);
    }

    /** Values of a generic type as JSON, e.g. {@code new TypeReference<List<Detection>>() {}}. */
    static <T> JsonCodec<T> json(TypeReference<T> type) {
        return new JsonCodec<>(type);
    }

    /** Bytes as they are ({@code application/octet-stream}). */
    static Codec<byte[]> bytes() {
        return bytes("application/octet-stream");
    }

    /** Bytes as they are, labelled with {@code contentType} (e.g. {@code image/jpeg} for already-encoded images). */
    static Codec<byte[]> bytes(String contentType) {
        return new Codec<>() {
            @Override
            public String contentType() {
                return contentType;
            }

            @Override
            public byte[] encode(byte[] value) {
                return value;
            }

            @Override
            public byte[] decode(byte[] bytes) {
                return bytes;
            }
        };
    }
}
