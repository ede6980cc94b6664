package io.sedna4j.control.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.sedna4j.api.codec.ResourceCodec;
import java.util.Objects;

/** Deep copies and status comparison, through the JSON model so that unknown fields are copied too. */
public final class Resources {
    private Resources() {
    }

    /** A deep copy of a model object (a resource, a template, …). */
    @SuppressWarnings("unchecked")
    public static <T> T copy(T value) {
        if (value == null) {
            return null;
        }
        try {
            return (T) ResourceCodec.json().treeToValue(ResourceCodec.json().valueToTree(value), value.getClass());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot copy " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Whether two statuses differ as JSON (the form they are stored and compared in). */
    public static boolean differ(Object status, Object other) {
        return !Objects.equals(tree(status), tree(other));
    }

    static JsonNode tree(Object value) {
        return ResourceCodec.json().valueToTree(value);
    }
}
