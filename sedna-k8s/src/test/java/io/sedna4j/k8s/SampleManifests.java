package io.sedna4j.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.sedna4j.api.Manifest;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.Resource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The manifests the Kubernetes tests apply: Sedna's samples (in {@code <sedna.shared.dir>/sedna-compat}, skipped
 * when absent, as in sedna-api's tests) and this repository's {@code examples/}; and what a cluster needs for them:
 * the nodes they name or select, and stand-ins for the Models and Datasets they refer to but do not define.
 */
final class SampleManifests {
    private SampleManifests() {
    }

    /** Sedna's sample files, or none when the shared directory is absent. */
    static List<Path> sedna() {
        String shared = System.getProperty("sedna.shared.dir");
        if (shared == null) {
            return List.of();
        }
        Path compat = Path.of(shared, "sedna-compat");
        return Stream.concat(yaml(compat.resolve("samples")), yaml(compat.resolve("pedestrian-tracking"))).toList();
    }

    /** This repository's examples, {@code examples/<feature>/*.yaml}. */
    static List<Path> examples() {
        try (Stream<Path> dirs = Files.list(Path.of("..", "examples"))) {
            return dirs.filter(Files::isDirectory).flatMap(SampleManifests::yaml).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> yaml(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Resource<?, ?>> read(Path file) {
        return Manifest.read(file).resourcesOrThrow();
    }

    static boolean isWorkload(Resource<?, ?> r) {
        return r.kindInfo() != Kind.MODEL && r.kindInfo() != Kind.DATASET;
    }

    /** Every {@code nodeName} in the workloads' templates. */
    static Set<String> nodeNames(List<Resource<?, ?>> resources) {
        Set<String> names = new LinkedHashSet<>();
        resources.stream().filter(SampleManifests::isWorkload)
                .forEach(r -> walk(ResourceCodec.toTree(r), "", (field, node) -> {
                    if (field.equals("nodeName") && node.isTextual()) {
                        names.add(node.asText());
                    }
                }));
        return names;
    }

    /** Every distinct {@code nodeSelector}: a node is made for each. */
    static List<Map<String, String>> nodeSelectors(List<Resource<?, ?>> resources) {
        List<Map<String, String>> selectors = new ArrayList<>();
        resources.forEach(r -> walk(ResourceCodec.toTree(r), "", (field, node) -> {
            if (field.equals("nodeSelector") && node.isObject()) {
                Map<String, String> labels = new LinkedHashMap<>();
                node.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
                if (!selectors.contains(labels)) {
                    selectors.add(labels);
                }
            }
        }));
        return selectors;
    }

    /** Models and Datasets referred to ({@code model: {name: x}}, {@code dataset: ...}) but not defined here. */
    static List<Resource<?, ?>> standIns(List<Resource<?, ?>> resources, String datasetNode) {
        Set<String> defined = new LinkedHashSet<>();
        resources.forEach(r -> defined.add(r.kind + "/" + r.metadata.name));
        Map<String, Resource<?, ?>> missing = new LinkedHashMap<>();
        for (Resource<?, ?> r : resources) {
            walk(ResourceCodec.toTree(r).path("spec"), "", (field, node) -> {
                String lower = field.toLowerCase(java.util.Locale.ROOT);
                Kind kind = lower.endsWith("dataset") ? Kind.DATASET
                        : lower.endsWith("model") || lower.equals("models") ? Kind.MODEL : null;
                if (kind == null) {
                    return;
                }
                for (JsonNode ref : node.isArray() ? node : List.of(node)) {
                    String name = ref.path("name").asText("");
                    if (!name.isEmpty() && !defined.contains(kind.kindName() + "/" + name)) {
                        missing.putIfAbsent(kind.kindName() + "/" + name, standIn(kind, name, datasetNode));
                    }
                }
            });
        }
        return List.copyOf(missing.values());
    }

    private static Resource<?, ?> standIn(Kind kind, String name, String node) {
        String yaml = kind == Kind.MODEL
                ? "apiVersion: sedna.io/v1alpha1\nkind: Model\nmetadata: {name: " + name + "}\n"
                + "spec: {url: /models/" + name + "/model.onnx, format: onnx}\n"
                : "apiVersion: sedna.io/v1alpha1\nkind: Dataset\nmetadata: {name: " + name + "}\n"
                + "spec: {url: /data/" + name + "/index.txt, format: txt, nodeName: " + node + "}\n";
        return Manifest.parse(name + ".yaml", yaml).resourcesOrThrow().get(0);
    }

    private interface Visitor {
        void visit(String field, JsonNode node);
    }

    /** Visits every field, except inside Pod templates (their containers have names too). */
    private static void walk(JsonNode node, String field, Visitor visitor) {
        visitor.visit(field, node);
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (!e.getKey().equals("containers")) {
                    walk(e.getValue(), e.getKey(), visitor);
                }
            }
        } else if (node.isArray()) {
            node.forEach(child -> walk(child, field, visitor));
        }
    }
}
