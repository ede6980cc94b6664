package io.sedna4j.api.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import io.sedna4j.api.ApiException;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.Resource;
import java.util.List;

/** Writes resources as YAML or JSON and binds checked trees to resource types. Reading goes through YamlReader. */
public final class ResourceCodec {
    private static final ObjectMapper JSON = configure(new ObjectMapper()); // one line: frames, databases, REST
    private static final ObjectMapper YAML = configure(new ObjectMapper(YAMLFactory.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .stringQuotingChecker(new YamlQuoting())
            .build())).enable(SerializationFeature.INDENT_OUTPUT);

    private ResourceCodec() {
    }

    /** Also quotes strings that YAML 1.1 readers take for base-60 numbers: "02:00" must not come back as 120. */
    private static final class YamlQuoting extends StringQuotingChecker.Default {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || value.matches("[-+]?\\d[\\d_]*(:[0-5]?\\d)+(\\.\\d*)?");
        }
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        // numbers are model fields of type BigDecimal, so 500 stays 500 and 0.8 stays 0.8
        mapper.enable(com.fasterxml.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN.mappedFeature());
        return mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    /** The JSON mapper every module uses for resources, so that they are all written alike. */
    public static ObjectMapper json() {
        return JSON;
    }

    /** One YAML document per resource, each starting with {@code ---}. */
    public static String toYaml(List<? extends Resource<?, ?>> resources) {
        StringBuilder out = new StringBuilder();
        for (Resource<?, ?> r : resources) {
            out.append(write(YAML, r));
        }
        return out.toString();
    }

    /** One YAML document: a resource, a list of them, any tree. */
    public static String toYaml(Object value) {
        return write(YAML, value);
    }

    /** JSON on one line. */
    public static String toJson(Object value) {
        return write(JSON, value);
    }

    /** JSON indented, for people. */
    public static String toPrettyJson(Object value) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new ApiException("cannot write " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    public static JsonNode toTree(Resource<?, ?> resource) {
        return JSON.valueToTree(resource);
    }

    /** Binds a tree that has passed validation to its kind's type. */
    public static Resource<?, ?> bind(JsonNode tree, Kind kind) {
        try {
            return JSON.treeToValue(tree, kind.type());
        } catch (JsonProcessingException e) {
            throw new ApiException(kind.kindName() + " cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    private static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new ApiException("cannot write " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
