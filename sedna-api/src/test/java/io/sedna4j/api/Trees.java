package io.sedna4j.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedna4j.api.codec.FieldPath;
import io.sedna4j.api.codec.YamlDocument;
import io.sedna4j.api.codec.YamlReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test helpers for JSON trees and the field paths problems name ({@code spec.a[0].b}, {@code m["x.y/z"]}). */
public final class Trees {
    private Trees() {
    }

    /** The trees of a manifest text's documents, read as the validator reads them; fails on any reader error. */
    public static List<JsonNode> documents(String file, String text) {
        List<Problem> problems = new ArrayList<>();
        List<JsonNode> trees = YamlReader.read(file, text, problems).stream().map(YamlDocument::tree).toList();
        if (problems.stream().anyMatch(Problem::isError)) {
            throw new AssertionError(file + " cannot be read: " + problems);
        }
        return trees;
    }

    /** A deep copy without the keys whose value is null: Kubernetes reads {@code key: null} as no key at all. */
    public static JsonNode withoutNulls(JsonNode node) {
        JsonNode copy = node.deepCopy();
        dropNulls(copy);
        return copy;
    }

    private static void dropNulls(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> nulls = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                if (e.getValue().isNull()) {
                    nulls.add(e.getKey());
                } else {
                    dropNulls(e.getValue());
                }
            }
            object.remove(nulls);
        } else if (node instanceof ArrayNode array) {
            array.forEach(Trees::dropNulls);
        }
    }

    /** Where two trees differ, one line per path: {@code spec.x: 500 became 500.0}; empty when they are equal. */
    public static List<String> differences(JsonNode before, JsonNode after) {
        List<String> out = new ArrayList<>();
        differences("", before, after, out);
        return out;
    }

    private static void differences(String path, JsonNode before, JsonNode after, List<String> out) {
        String at = path.isEmpty() ? "(document)" : path;
        if (before == null || after == null) {
            out.add(at + (before == null ? ": added " + after : ": " + before + " is missing"));
        } else if (before.isObject() && after.isObject()) {
            before.fieldNames().forEachRemaining(k -> differences(FieldPath.field(path, k), before.get(k), after.get(k), out));
            after.fieldNames().forEachRemaining(k -> {
                if (!before.has(k)) {
                    differences(FieldPath.field(path, k), null, after.get(k), out);
                }
            });
        } else if (before.isArray() && after.isArray() && before.size() == after.size()) {
            for (int i = 0; i < before.size(); i++) {
                differences(FieldPath.item(path, i), before.get(i), after.get(i), out);
            }
        } else if (!before.equals(after)) {
            out.add(at + ": " + before + " became " + after);
        }
    }

    /** The node at {@code path}, or {@code null} if there is none. */
    public static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        for (Object step : steps(path)) {
            if (node == null) {
                return null;
            }
            node = step instanceof Integer i ? (node.isArray() ? node.get(i) : null) : node.get((String) step);
        }
        return node;
    }

    /** Replaces the value at {@code path}, whose parent must exist. */
    public static void set(JsonNode root, String path, JsonNode value) {
        List<Object> steps = steps(path);
        JsonNode parent = at(root, FieldPath.parent(path));
        Object last = steps.get(steps.size() - 1);
        if (last instanceof Integer i) {
            ((ArrayNode) parent).set(i, value);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
    }

    /** Removes the field at {@code path}, which must name a field of a mapping. */
    public static void remove(JsonNode root, String path) {
        List<Object> steps = steps(path);
        ((ObjectNode) at(root, FieldPath.parent(path))).remove((String) steps.get(steps.size() - 1));
    }

    /** The steps of a path: field names as strings, list indices as integers. */
    public static List<Object> steps(String path) {
        List<Object> steps = new ArrayList<>();
        int i = 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                i++;
            } else if (c == '[' && path.charAt(i + 1) == '"') {
                StringBuilder key = new StringBuilder();
                int j = i + 2;
                while (path.charAt(j) != '"') {
                    if (path.charAt(j) == '\\') {
                        j++;
                    }
                    key.append(path.charAt(j++));
                }
                steps.add(key.toString());
                i = j + 2; // past "]
            } else if (c == '[') {
                int end = path.indexOf(']', i);
                steps.add(Integer.parseInt(path.substring(i + 1, end)));
                i = end + 1;
            } else {
                int end = i;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                steps.add(path.substring(i, end));
                i = end;
            }
        }
        return steps;
    }
}
