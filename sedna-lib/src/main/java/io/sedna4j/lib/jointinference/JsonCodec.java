package io.sedna4j.lib.jointinference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.lib.LibException;
import java.io.IOException;

/** A {@link Codec} that writes values as JSON with Jackson; also reads and writes the JSON tree the envelope holds. */
public final class JsonCodec<T> implements Codec<T> {
    private final ObjectMapper mapper;
    private final JavaType type;

    JsonCodec(Class<T> type) {
        this.mapper = ResourceCodec.json();
        this.type = mapper.constructType(type);
    }

    JsonCodec(TypeReference<T> type) {
        this.mapper = ResourceCodec.json();
        this.type = mapper.getTypeFactory().constructType(type);
    }

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public byte[] encode(T value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new LibException("cannot write " + type + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public T decode(byte[] bytes) {
        try {
            return mapper.readValue(bytes, type);
        } catch (IOException e) {
            throw new LibException("the JSON is not a " + type.getGenericSignature() + ": " + e.getMessage(), e);
        }
    }

    public JsonNode toTree(T value) {
        return mapper.valueToTree(value);
    }

    public T fromTree(JsonNode tree) {
        try {
            return mapper.treeToValue(tree, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new LibException("\"data\" is not a " + type.toCanonical() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "JsonCodec[" + type.toCanonical() + "]";
    }
}
