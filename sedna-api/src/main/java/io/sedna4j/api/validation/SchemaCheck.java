package io.sedna4j.api.validation;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.introspect.AnnotatedField;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.sedna4j.api.codec.FieldPath;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.api.k8s.Quantity;
import io.sedna4j.api.schema.Checked;
import io.sedna4j.api.schema.Format;
import io.sedna4j.api.schema.KubernetesSubset;
import io.sedna4j.api.schema.Lenient;
import io.sedna4j.api.schema.Names;
import io.sedna4j.api.schema.Ref;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a document's tree against the model types, which are the schema: field names and types come from the Java
 * classes, required fields from {@code @JsonProperty(required = true)}, formats from {@link Checked}, references
 * from {@link Ref}. It reports every problem it finds and returns the tree with scalars normalised for binding.
 */
final class SchemaCheck {
    /** A field that names another resource. */
    record Reference(String kind, String name, String path) {
    }

    /** A model type's fields, by JSON name. */
    private record Field(String name, JavaType type, boolean required, String lenient, Format format, String ref) {
    }

    private static final Map<JavaType, Map<String, Field>> FIELDS = new ConcurrentHashMap<>();

    private final Problems problems;
    private final List<Reference> references = new ArrayList<>();

    SchemaCheck(Problems problems) {
        this.problems = problems;
    }

    List<Reference> references() {
        return references;
    }

    JsonNode check(JsonNode node, Class<?> type) {
        return value(node, ResourceCodec.json().constructType(type), "");
    }

    private JsonNode value(JsonNode node, JavaType type, String path) {
        Class<?> raw = type.getRawClass();
        if (raw == String.class) {
            return string(node, path);
        }
        if (raw == Integer.class || raw == Long.class) {
            return expect(node, node.isIntegralNumber() && (raw == Long.class || node.canConvertToInt()), path,
                    "a whole number", "-?\\d+");
        }
        if (raw == BigDecimal.class) {
            return expect(node, node.isNumber(), path, "a number", "-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
        }
        if (raw == Boolean.class) {
            return expect(node, node.isBoolean(), path, "true or false", "true|false");
        }
        if (raw == Quantity.class) {
            return quantity(node, path);
        }
        if (JsonNode.class.isAssignableFrom(raw) || raw == Object.class) {
            return node;
        }
        if (type.isCollectionLikeType()) {
            return list(node, type.getContentType(), path);
        }
        if (type.isMapLikeType()) {
            return map(node, type.getContentType(), path);
        }
        return object(node, type, path);
    }

    private JsonNode object(JsonNode node, JavaType type, String path) {
        if (!node.isObject()) {
            problems.error(path, "expected a mapping of fields, got " + describe(node),
                    "put the fields of " + (path.isEmpty() ? "the document" : path)
                            + " on the lines below it, indented by two more spaces");
            return node;
        }
        Map<String, Field> fields = fields(type);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Field f : fields.values()) {
            JsonNode v = node.get(f.name());
            if (f.required() && (v == null || v.isNull())) {
                String hint = "add \"" + f.name() + ":\" under " + (path.isEmpty() ? "the top level" : path)
                        + misspelling(node, f.name(), fields, path);
                if (f.lenient() == null) {
                    problems.error(FieldPath.field(path, f.name()), "required field is missing", hint);
                } else {
                    problems.warning(FieldPath.field(path, f.name()), "required by Sedna's CRD but missing: "
                            + f.lenient() + ", but a Kubernetes API server rejects the manifest", hint);
                }
            }
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String child = FieldPath.field(path, e.getKey());
            Field f = fields.get(e.getKey());
            if (f == null) {
                unknown(type, e.getKey(), child, fields);
                out.set(e.getKey(), e.getValue());
            } else if (e.getValue().isNull()) {
                out.set(e.getKey(), e.getValue()); // null means absent, as in Kubernetes
            } else {
                out.set(e.getKey(), field(e.getValue(), f, child));
            }
        }
        Rules.check(type.getRawClass(), out, path, problems);
        return out;
    }

    private JsonNode field(JsonNode node, Field f, String path) {
        int before = problems.errorCount();
        JsonNode v = value(node, f.type(), path);
        if (problems.errorCount() > before) {
            return v; // a value of the wrong type has no format to check
        }
        if (f.format() != null) {
            Format.Violation violation = f.format().check(v);
            if (violation != null) {
                problems.error(path, violation.message(), violation.hint());
            }
        }
        if (f.ref() != null) {
            references.add(new Reference(f.ref(), v.asText(), path));
        }
        return v;
    }

    /** Points at an unknown key that is probably the missing field misspelt. */
    private String misspelling(JsonNode node, String missing, Map<String, Field> fields, String path) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!fields.containsKey(name) && missing.equals(Names.closest(name, fields.keySet()))) {
                int line = problems.document().position(FieldPath.field(path, name)).line();
                return ", or correct the spelling of \"" + name + "\" on line " + line;
            }
        }
        return "";
    }

    private void unknown(JavaType type, String name, String path, Map<String, Field> fields) {
        if (type.getRawClass().isAnnotationPresent(KubernetesSubset.class)) {
            return; // a Kubernetes field we do not model: valid, kept, silent
        }
        String parent = FieldPath.parent(path);
        problems.warning(path, "unknown field \"" + name + "\"" + Names.didYouMean(name, fields.keySet())
                        + "; Sedna does not read it",
                "fields of " + (parent.isEmpty() ? "the document" : parent) + " are "
                        + String.join(", ", fields.keySet()) + "; the field is kept as written");
    }

    private JsonNode list(JsonNode node, JavaType item, String path) {
        if (!node.isArray()) {
            problems.error(path, "expected a list, got " + describe(node),
                    "write each item on its own line starting with \"- \", or [a, b] on one line");
            return node;
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < node.size(); i++) {
            JsonNode v = node.get(i);
            out.add(v.isNull() ? v : value(v, item, FieldPath.item(path, i)));
        }
        return out;
    }

    private JsonNode map(JsonNode node, JavaType value, String path) {
        if (!node.isObject()) {
            problems.error(path, "expected a mapping of names to values, got " + describe(node),
                    "write one \"name: value\" pair per line below " + path + ", indented by two more spaces");
            return node;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        node.fields().forEachRemaining(e -> out.set(e.getKey(),
                e.getValue().isNull() ? e.getValue() : value(e.getValue(), value, FieldPath.field(path, e.getKey()))));
        return out;
    }

    /**
     * Kubernetes wants a string; YAML gave a number, a boolean or a one-line list. Kubernetes would reject the
     * manifest, but its meaning is plain, so we take the value as written and warn. A block mapping or list is
     * too likely a mistake in indentation to guess at.
     */
    private JsonNode string(JsonNode node, String path) {
        if (node.isTextual()) {
            return node;
        }
        String written = problems.document().sourceText(path);
        boolean inline = node.isValueNode() || written != null && (written.startsWith("[") || written.startsWith("{"));
        if (!inline || written == null) {
            problems.error(path, "expected a string, got " + describe(node),
                    "write the value on the same line as its key; quote it if it contains \": \" or starts with [ or {");
            return node;
        }
        problems.warning(path, "expected a string, got " + describe(node) + "; read as the string " + quote(written),
                "quote it: " + quote(written) + " (Kubernetes rejects it unquoted)");
        return JsonNodeFactory.instance.textNode(written);
    }

    /** A string that would have the right type without its quotes gets that as its hint. */
    private JsonNode expect(JsonNode node, boolean ok, String path, String what, String unquoted) {
        if (!ok) {
            problems.error(path, "expected " + what + ", got " + describe(node),
                    node.isTextual() && node.asText().strip().matches(unquoted)
                            ? "remove the quotes around the value" : "give " + what);
        }
        return node;
    }

    private JsonNode quantity(JsonNode node, String path) {
        if (node.isNumber() || node.isTextual() && Quantity.PATTERN.matcher(node.asText()).matches()) {
            return node;
        }
        problems.error(path, describe(node) + " is not a resource quantity",
                "write a number with an optional unit: 500m or 2 for CPU cores, 512Mi or 2Gi for memory");
        return node;
    }

    private static String describe(JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isTextual()) {
            return "the string " + quote(node.asText());
        }
        if (node.isBoolean()) {
            return "the boolean " + node.asText();
        }
        return node.isNull() ? "nothing" : "the number " + node.asText();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\\\"") + "\"";
    }

    private static Map<String, Field> fields(JavaType type) {
        return FIELDS.computeIfAbsent(type, t -> {
            BeanDescription bean = ResourceCodec.json().getDeserializationConfig().introspect(t);
            Map<String, Field> fields = new LinkedHashMap<>();
            for (BeanPropertyDefinition p : bean.findProperties()) {
                AnnotatedField f = p.getField();
                if (f == null || !p.couldDeserialize()) {
                    continue;
                }
                Checked checked = f.getAnnotation(Checked.class);
                Ref ref = f.getAnnotation(Ref.class);
                Lenient lenient = f.getAnnotation(Lenient.class);
                fields.put(p.getName(), new Field(p.getName(), p.getPrimaryType(), p.isRequired(),
                        lenient == null ? null : lenient.value(), checked == null ? null : checked.value(),
                        ref == null ? null : ref.value()));
            }
            return fields;
        });
    }
}
