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

    /** A JSON object of the metadata ({@code cohort}, {@code parameters}) as strings; empty when absent. */
    static Map<String, String> strings(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        object(json).properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /** A JSON object of metrics in the metadata as finite numbers; empty when absent. */
    static Map<String, Double> numbers(String json) {
        return numbers(object(json));
    }

    private static JsonNode object(String json) {
        if (json == null || json.isBlank()) {
            return ResourceCodec.json().createObjectNode();
        }
        try {
            JsonNode node = ResourceCodec.json().readTree(json);
            return node != null && node.isObject() ? node : ResourceCodec.json().createObjectNode();
        } catch (JsonProcessingException e) {
            throw new LibException("a message's metadata is not a JSON object: " + e.getOriginalMessage()
                    + "; fix: send messages written by a Sedna4J federated learning client or server");
        }
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
