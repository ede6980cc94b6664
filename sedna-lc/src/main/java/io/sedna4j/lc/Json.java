package io.sedna4j.lc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sedna4j.api.codec.ResourceCodec;

/** One-line JSON with the project's mapper: frames go on the wire and into SQLite, where indentation is waste. */
public final class Json {
    private static final ObjectWriter COMPACT = ResourceCodec.json().writer()
            .without(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    public static String compact(Object value) {
        try {
            return COMPACT.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new LcException("cannot write " + value.getClass().getSimpleName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return ResourceCodec.json().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new LcException("cannot read " + type.getSimpleName() + " from JSON: " + e.getOriginalMessage(), e);
        }
    }
}
