package io.sedna4j.api.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedna4j.api.Problem;
import io.sedna4j.api.Problem.Severity;
import java.io.StringReader;
import java.util.HashSet;
import java.util.Set;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.Constructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads YAML (and JSON, which is YAML) into one {@link YamlDocument} per {@code ---} document, keeping the line and
 * column of every field. Syntax errors and duplicate keys become problems, never exceptions.
 */
public final class YamlReader {
    /** Files are refused above this size; the parser's own limit is set just above it. */
    public static final int MAX_CHARS = 10 * 1024 * 1024;

    private final String file;
    private final List<Problem> problems = new ArrayList<>();
    private boolean syntaxError;
    private boolean bmpOnly;

    private YamlReader(String file) {
        this.file = file;
    }

    /** The documents of {@code text}; empty documents are skipped. Problems are added to {@code problems}. */
    public static List<YamlDocument> read(String file, String text, List<Problem> problems) {
        YamlReader reader = new YamlReader(file);
        List<YamlDocument> documents = reader.parse(text);
        if (reader.syntaxError) {
            String repaired = IndentedFirstLine.repair(text);
            if (repaired != null) {
                YamlReader retry = new YamlReader(file);
                List<YamlDocument> again = retry.parse(repaired);
                if (!retry.syntaxError) {
                    problems.addAll(IndentedFirstLine.warnings(file, text));
                    problems.addAll(retry.problems);
                    return again;
                }
            }
        }
        problems.addAll(reader.problems);
        return documents;
    }

    private List<YamlDocument> parse(String text) {
        // JSON allows tabs wherever it allows spaces, and nowhere else raw: one space for one tab keeps every column
        String yamlText = looksLikeJson(text) ? text.replace('\t', ' ') : text;
        bmpOnly = yamlText.codePointCount(0, yamlText.length()) == yamlText.length();
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CHARS + 1024);
        options.setAllowDuplicateKeys(true); // reported below with both lines, instead of failing the whole file
        Yaml yaml = new Yaml(new Constructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, new KubernetesResolver());
        List<YamlDocument> documents = new ArrayList<>();
        int index = 0;
        try {
            for (Node node : yaml.composeAll(new StringReader(yamlText))) {
                index++;
                if (node instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) {
                    continue; // an empty document, e.g. after a trailing ---
                }
                Map<String, Position> positions = new HashMap<>();
                positions.put("", new Position(line(node.getStartMark()), 1, 0, 0));
                JsonNode tree = convert(node, "", index, positions, yamlText);
                documents.add(new YamlDocument(index, tree, positions, yamlText));
            }
        } catch (MarkedYAMLException e) {
            syntaxError = true;
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            problems.add(new Problem(Severity.ERROR, file, index + 1, mark == null ? 0 : line(mark),
                    mark == null ? 0 : mark.getColumn() + 1, "", "YAML syntax error: " + e.getProblem()
                    + (e.getContext() != null ? " (" + e.getContext() + ")" : ""),
                    "check the indentation and quoting on this line and the one before it; "
                            + "indent with spaces, not tabs"));
        } catch (YAMLException e) {
            syntaxError = true;
            problems.add(new Problem(Severity.ERROR, file, index + 1, 0, 0, "",
                    "YAML cannot be read: " + e.getMessage(), "check the file is a YAML or JSON manifest"));
        }
        return documents;
    }

    private JsonNode convert(Node node, String path, int document, Map<String, Position> positions, String text) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (node instanceof MappingNode mapping) {
            ObjectNode object = f.objectNode();
            // "<<" merge keys first, as kubectl reads them: keys written in the mapping itself win
            for (NodeTuple tuple : mapping.getValue()) {
                if (isMergeKey(tuple.getKeyNode())) {
                    merge(tuple.getValueNode(), path, document, positions, text, object);
                }
            }
            Set<String> written = new HashSet<>();
            for (NodeTuple tuple : mapping.getValue()) {
                if (isMergeKey(tuple.getKeyNode())) {
                    continue;
                }
                String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
                Mark keyMark = tuple.getKeyNode().getStartMark();
                if (key == null) {
                    problems.add(new Problem(Severity.ERROR, file, document, line(keyMark), keyMark.getColumn() + 1,
                            path, "a key must be a plain name, not a list or a mapping",
                            "write \"name: value\" with a simple name before the colon"));
                    continue;
                }
                String child = FieldPath.field(path, key);
                if (!written.add(key)) {
                    problems.add(new Problem(Severity.ERROR, file, document, line(keyMark), keyMark.getColumn() + 1,
                            child, "duplicate key \"" + key + "\" (first given on line "
                            + positions.get(child).line() + ")", "keep one of the two; the later one would win"));
                }
                Node value = tuple.getValueNode();
                positions.put(child, new Position(line(keyMark), keyMark.getColumn() + 1,
                        offset(text, value.getStartMark()), offset(text, value.getEndMark())));
                object.set(key, convert(value, child, document, positions, text));
            }
            return object;
        }
        if (node instanceof SequenceNode sequence) {
            ArrayNode array = f.arrayNode();
            List<Node> items = sequence.getValue();
            for (int i = 0; i < items.size(); i++) {
                Node item = items.get(i);
                String child = FieldPath.item(path, i);
                positions.put(child, new Position(line(item.getStartMark()), item.getStartMark().getColumn() + 1,
                        offset(text, item.getStartMark()), offset(text, item.getEndMark())));
                array.add(convert(item, child, document, positions, text));
            }
            return array;
        }
        return scalar((ScalarNode) node);
    }

    private static boolean isMergeKey(Node key) {
        return key instanceof ScalarNode s && s.getValue().equals("<<") && s.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN;
    }

    /** Adds the fields of a merged mapping (or of each of a list of them, earlier ones first) not yet present. */
    private void merge(Node value, String path, int document, Map<String, Position> positions, String text,
                       ObjectNode into) {
        List<Node> sources = value instanceof SequenceNode s ? s.getValue() : List.of(value);
        for (Node source : sources) {
            if (!(source instanceof MappingNode)) {
                Mark m = source.getStartMark();
                problems.add(new Problem(Severity.ERROR, file, document, line(m), m.getColumn() + 1, path,
                        "\"<<\" merges a mapping or a list of mappings, not a single value",
                        "give the fields to merge as a mapping, e.g. <<: *defaults"));
                continue;
            }
            JsonNode merged = convert(source, path, document, positions, text);
            merged.fields().forEachRemaining(e -> {
                if (!into.has(e.getKey())) {
                    into.set(e.getKey(), e.getValue());
                }
            });
        }
    }

    private static JsonNode scalar(ScalarNode node) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        String v = node.getValue();
        Tag tag = node.getTag();
        if (tag.equals(Tag.NULL)) {
            return f.nullNode();
        }
        if (tag.equals(Tag.BOOL)) {
            return f.booleanNode(List.of("true", "yes", "on").contains(v.toLowerCase()));
        }
        if (tag.equals(Tag.INT)) {
            BigInteger n = integer(v.replace("_", ""));
            return n.bitLength() < 64 ? f.numberNode(n.longValue()) : f.numberNode(n);
        }
        if (tag.equals(Tag.FLOAT)) {
            String d = v.replace("_", "").toLowerCase();
            if (d.endsWith(".inf") || d.endsWith(".nan")) {
                return f.textNode(v); // JSON has no infinity or NaN
            }
            return f.numberNode(new BigDecimal(d).doubleValue());
        }
        return f.textNode(v);
    }

    private static BigInteger integer(String v) {
        boolean negative = v.startsWith("-");
        String digits = v.startsWith("-") || v.startsWith("+") ? v.substring(1) : v;
        BigInteger n;
        if (digits.startsWith("0x")) {
            n = new BigInteger(digits.substring(2), 16);
        } else if (digits.startsWith("0b")) {
            n = new BigInteger(digits.substring(2), 2);
        } else if (digits.length() > 1 && digits.startsWith("0")) {
            n = new BigInteger(digits.substring(1), 8);
        } else {
            n = new BigInteger(digits);
        }
        return negative ? n.negate() : n;
    }

    private static boolean looksLikeJson(String text) {
        String s = text.stripLeading();
        return s.startsWith("{") || s.startsWith("[");
    }

    private static int line(Mark mark) {
        return mark.getLine() + 1;
    }

    /**
     * SnakeYAML counts code points; Java strings count UTF-16 units. They agree unless the text has characters
     * beyond the BMP (emoji), so the costly conversion, a walk from the start, is done only then.
     */
    private int offset(String text, Mark mark) {
        if (bmpOnly) {
            return Math.min(mark.getIndex(), text.length());
        }
        int index = Math.min(mark.getIndex(), text.codePointCount(0, text.length()));
        return text.offsetByCodePoints(0, index);
    }
}
