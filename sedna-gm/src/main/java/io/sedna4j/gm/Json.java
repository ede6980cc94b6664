package io.sedna4j.gm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.Resource;

/**
 * JSON as the GM stores and serves it: the API's mapper (same field order and unknown-field handling as the CLI),
 * written on one line so that a watch event is one line and the database holds no indentation.
 */
public final class Json {
    private static final ObjectMapper MAPPER = ResourceCodec.json();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object value) {
        return ResourceCodec.toJson(value);
    }

    /** Parses JSON text; the text comes from the GM itself, so a failure is a bug. */
    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new GmException("stored JSON cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    /** A resource as a tree, through its JSON text so that numbers and field order are as when read back. */
    public static ObjectNode tree(Object value) {
        return (ObjectNode) parse(write(value));
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static Resource<?, ?> resource(Kind kind, String json) {
        try {
            return MAPPER.readValue(json, kind.type());
        } catch (JsonProcessingException e) {
            throw new GmException(kind.kindName() + " cannot be read from the database: " + e.getOriginalMessage(), e);
        }
    }

    public static Resource<?, ?> resource(Kind kind, JsonNode tree) {
        return ResourceCodec.bind(tree, kind);
    }
}
