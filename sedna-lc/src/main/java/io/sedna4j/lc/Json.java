package io.sedna4j.lc;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.sedna4j.api.codec.ResourceCodec;

/** JSON with the project's mapper, failures as the LC's exception. */
public final class Json {
    private Json() {
    }

    public static String compact(Object value) {
        return ResourceCodec.toJson(value);
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return ResourceCodec.json().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new LcException("cannot read " + type.getSimpleName() + " from JSON: " + e.getOriginalMessage(), e);
        }
    }
}
