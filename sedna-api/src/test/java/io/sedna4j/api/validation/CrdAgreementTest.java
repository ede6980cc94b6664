package io.sedna4j.api.validation;

import static io.sedna4j.api.ProblemAssertions.format;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sedna4j.api.Manifest;
import io.sedna4j.api.Problem;
import io.sedna4j.api.SednaSamples;
import io.sedna4j.api.Trees;
import io.sedna4j.api.codec.FieldPath;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.api.v1alpha1.Resource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fields the validator requires are the fields Sedna's CRD schemas require, found by behaviour: each field of
 * Sedna's own samples is deleted in turn and the validator is asked what it thinks. Skipped when
 * {@code ../shared/sedna-compat} is absent.
 */
class CrdAgreementTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Required by the CRD, but Sedna4J does without them and only warns ({@code @Lenient}). */
    private static final Set<String> LENIENT = Set.of(
            "FeatureExtractionService spec.selector",
            "ObjectSearchService spec.reidWorkers.selector",
            "ObjectTrackingService spec.reidWorkers.selector");

    /** Read once for all kinds: Sedna's CRD files are large. */
    private static Map<String, List<Resource<?, ?>>> samplesByKind;
    private static Map<String, JsonNode> crdsByKind;

    static Stream<String> kindsWithSamples() {
        if (!SednaSamples.present()) {
            return Stream.of(SednaSamples.ABSENT);
        }
        return samplesByKind().keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kindsWithSamples")
    void validatorRequiresExactlyWhatSednasCrdRequires(String kind) {
        SednaSamples.crds(); // skips the test when they are absent
        Set<String> crdRequired = crdRequiredUnderSpec(kind);
        SoftAssertions soft = new SoftAssertions();
        Set<String> checked = new TreeSet<>();
        Set<String> reportedRequired = new TreeSet<>();
        int deleted = 0;

        for (Resource<?, ?> sample : samplesByKind().get(kind)) {
            JsonNode tree = ResourceCodec.toTree(sample);
            // the problems of the sample without each of its fields in turn (the validator is stateless)
            Map<String, List<Problem>> without = fieldsUnder(tree, "spec").parallelStream()
                    .collect(Collectors.toMap(path -> path, path -> validateWithout(tree, path)));
            deleted += without.size();

            // every field the CRD requires and the sample has: without it, the validator says it is required
            for (String required : crdRequired) {
                String path = required.replace("[]", "[0]");
                if (path.contains("resources.claims") || !without.containsKey(path)) {
                    continue;
                }
                checked.add(required);
                boolean lenient = LENIENT.contains(kind + " " + path);
                soft.assertThat(without.get(path))
                        .as("%s %s without %s, which Sedna's CRD requires: expected one %s saying it is required;"
                                        + " the problems were:%n%s", kind, sample.metadata.name, path,
                                lenient ? "warning" : "error", format(without.get(path)))
                        .filteredOn(p -> p.path().equals(path) && p.message().contains("required"))
                        .extracting(Problem::severity)
                        .containsExactly(lenient ? Problem.Severity.WARNING : Problem.Severity.ERROR);
            }

            // every field of the sample the validator calls required when it is missing: the CRD requires it
            without.forEach((path, problems) -> {
                if (problems.stream().anyMatch(p -> p.path().equals(path) && p.message().contains("required"))) {
                    String generic = path.replaceAll("\\[\\d+]", "[]");
                    reportedRequired.add(generic);
                    soft.assertThat(crdRequired.contains(generic))
                            .as("%s %s: the validator requires %s, but Sedna's CRD does not require %s", kind,
                                    sample.metadata.name, path, generic)
                            .isTrue();
                }
            });
        }

        System.out.printf("%s: %d paths the CRD requires checked, %d fields of %d sample(s) deleted,"
                        + " %d paths reported as required%n", kind, checked.size(), deleted,
                samplesByKind().get(kind).size(), reportedRequired.size());
        assertThat(checked).as("required paths of %s found in its samples", kind).isNotEmpty();
        soft.assertAll();
    }

    private static List<Problem> validateWithout(JsonNode tree, String path) {
        JsonNode copy = tree.deepCopy();
        Trees.remove(copy, path);
        try {
            return Manifest.parse("without " + path, YAML.writeValueAsString(copy)).problems();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The paths of every field of a mapping below {@code path}, items of lists included. */
    private static List<String> fieldsUnder(JsonNode tree, String path) {
        List<String> out = new ArrayList<>();
        collectFields(Trees.at(tree, path), path, out);
        return out;
    }

    private static void collectFields(JsonNode node, String path, List<String> out) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(k -> {
                String child = FieldPath.field(path, k);
                out.add(child);
                collectFields(node.get(k), child, out);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectFields(node.get(i), FieldPath.item(path, i), out);
            }
        }
    }

    /** {@code spec.edgeWorker.template.spec.containers[].name}, … for every field the kind's CRD requires. */
    private static Set<String> crdRequiredUnderSpec(String kind) {
        JsonNode crd = crdsByKind().get(kind);
        assertThat(crd).as("Sedna's CRD of %s", kind).isNotNull();
        for (JsonNode version : crd.path("spec").path("versions")) {
            if (version.path("name").asText().equals(Resource.VERSION)) {
                Set<String> out = new HashSet<>();
                collectRequired(version.path("schema").path("openAPIV3Schema").path("properties").path("spec"),
                        "spec", out);
                return out;
            }
        }
        throw new AssertionError("Sedna's CRD of " + kind + " has no version " + Resource.VERSION);
    }

    private static void collectRequired(JsonNode schema, String path, Set<String> out) {
        schema.path("required").forEach(name -> out.add(path + "." + name.asText()));
        schema.path("properties").properties().forEach(e -> {
            String child = path + "." + e.getKey();
            JsonNode property = e.getValue();
            if (property.has("items")) {
                collectRequired(property.get("items"), child + "[]", out);
            } else {
                collectRequired(property, child, out);
            }
        });
    }

    private static synchronized Map<String, List<Resource<?, ?>>> samplesByKind() {
        if (samplesByKind == null) {
            Map<String, List<Resource<?, ?>>> byKind = new LinkedHashMap<>();
            for (Path file : SednaSamples.manifests()) {
                for (Resource<?, ?> r : Manifest.read(file).resources()) {
                    byKind.computeIfAbsent(r.kind, k -> new ArrayList<>()).add(r);
                }
            }
            samplesByKind = byKind;
        }
        return samplesByKind;
    }

    private static synchronized Map<String, JsonNode> crdsByKind() {
        if (crdsByKind == null) {
            Map<String, JsonNode> byKind = new LinkedHashMap<>();
            for (Path file : SednaSamples.crds()) {
                JsonNode crd = readYaml(file);
                byKind.put(crd.path("spec").path("names").path("kind").asText(), crd);
            }
            crdsByKind = byKind;
        }
        return crdsByKind;
    }

    private static JsonNode readYaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
