package io.sedna4j.lib.federated;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.lib.LibException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The aggregation protocol's message names and small helpers (docs/federated-learning.md). Control messages are
 * JSON text frames with a {@code type}; weights travel in binary frames in the safetensors layout whose
 * {@code __metadata__} carries the same header fields as strings. Names follow Sedna's protocol.
 */
final class Protocol {
    static final String SUBSCRIBE = "subscribe";
    static final String UPDATE_WEIGHT = "update_weight";
    static final String RECV_WEIGHT = "recv_weight";
    static final String REJECTED = "rejected";
    static final String UNMASK = "unmask";
    static final String SEEDS = "seeds";
    static final String METRICS = "metrics";
    static final String EXIT_OK = "ok";
    static final String EXIT_CONTINUE = "continue";
    /** Header of the per-job token. */
    static final String AUTHORIZATION = "Authorization";

    private Protocol() {
    }

    static ObjectNode message(String type) {
        ObjectNode m = ResourceCodec.json().createObjectNode();
        m.put("type", type);
        return m;
    }

    static String json(Object value) {
        try {
            return ResourceCodec.json().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new LibException("cannot write a protocol message: " + e.getMessage(), e);
        }
    }

    static JsonNode parse(String text, String from) {
        try {
            JsonNode node = ResourceCodec.json().readTree(text);
            if (node == null || !node.isObject() || !node.hasNonNull("type")) {
                throw new LibException(from + " sent a text message that is not a JSON object with a \"type\"");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new LibException(from + " sent a text message that is not JSON: " + e.getOriginalMessage());
        }
    }

    static Map<String, String> strings(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        if (json == null || json.isBlank()) {
            return out;
        }
        parse("{\"type\":\"x\",\"v\":" + json + "}", "metadata").path("v").properties()
                .forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    static Map<String, Double> numbers(JsonNode node) {
        Map<String, Double> out = new LinkedHashMap<>();
        node.properties().forEach(e -> {
            if (e.getValue().isNumber() && Double.isFinite(e.getValue().asDouble())) {
                out.put(e.getKey(), e.getValue().asDouble());
            }
        });
        return out;
    }
}
