package io.sedna4j.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * deploy/crds: Sedna's CRDs, the same group, versions, names and schemas, without the schema descriptions, plus the
 * status fields Sedna4J reports (an API server prunes status fields its CRD does not declare).
 */
class CrdsTest {
    /** The status fields Sedna4J adds to Sedna's CRDs, by kind. */
    private static final Map<String, Set<String>> ADDED = Map.of(
            "VideoAnalyticsJob", Set.of("metrics"),
            "ReidJob", Set.of("metrics"),
            "ObjectSearchService", Set.of("metrics"),
            "ObjectTrackingService", Set.of("metrics"),
            "FederatedLearningJob", Set.of("currentRound", "exitRound", "participants", "sampleCount", "metrics"));

    @Test
    void thereIsACrdWithStatusSubresourceForEveryKind() {
        List<JsonNode> crds = MockCluster.crdFiles().stream().map(Yaml::document).toList();
        assertThat(crds).extracting(c -> c.at("/spec/names/kind").asText())
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Kind.values()).map(Kind::kindName).toList());
        for (JsonNode crd : crds) {
            String kind = crd.at("/spec/names/kind").asText();
            assertThat(crd.path("apiVersion").asText()).isEqualTo("apiextensions.k8s.io/v1");
            assertThat(crd.at("/spec/group").asText()).as(kind).isEqualTo("sedna.io");
            assertThat(crd.at("/spec/scope").asText()).as(kind).isEqualTo("Namespaced");
            assertThat(crd.at("/spec/names/plural").asText()).as(kind).isEqualTo(Kind.of(kind).plural());
            JsonNode v1alpha1 = crd.at("/spec/versions/0");
            assertThat(v1alpha1.path("name").asText()).as(kind).isEqualTo("v1alpha1");
            assertThat(v1alpha1.path("served").asBoolean() && v1alpha1.path("storage").asBoolean()).as(kind).isTrue();
            assertThat(v1alpha1.at("/subresources/status").isObject()).as("%s has a status subresource", kind)
                    .isTrue();
        }
    }

    @Test
    void eachIsSednasOwnWithoutTheDescriptions() {
        String shared = System.getProperty("sedna.shared.dir");
        Path sedna = shared == null ? null : Path.of(shared, "sedna-compat", "crds");
        assumeTrue(sedna != null && Files.isDirectory(sedna), "Sedna's CRDs are not available (sedna.shared.dir)");
        List<String> ours = MockCluster.crdFiles().stream().map(p -> p.getFileName().toString()).toList();
        try (var files = Files.list(sedna)) {
            assertThat(ours).containsExactlyInAnyOrderElementsOf(files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml")).collect(Collectors.toList()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (Path ourFile : MockCluster.crdFiles()) {
            JsonNode theirs = withoutDescriptions(Yaml.document(sedna.resolve(ourFile.getFileName())));
            JsonNode crd = Yaml.document(ourFile);
            ObjectNode status = (ObjectNode) crd.at(STATUS);
            status.remove(ADDED.getOrDefault(crd.at("/spec/names/kind").asText(), Set.of()));
            assertThat(crd).as("%s is Sedna's without descriptions, and with Sedna4J's status fields", ourFile
                    .getFileName()).isEqualTo(theirs);
        }
    }

    @Test
    void everyStatusFieldTheControlPlaneWritesIsDeclared() {
        ObjectMapper mapper = new ObjectMapper();
        for (Path file : MockCluster.crdFiles()) {
            JsonNode crd = Yaml.document(file);
            Kind kind = Kind.of(crd.at("/spec/names/kind").asText());
            JavaType status = mapper.getTypeFactory().constructType(kind.type()).findSuperType(Resource.class)
                    .containedType(1);
            Set<String> written = new TreeSet<>();
            mapper.getSerializationConfig().introspect(status).findProperties()
                    .forEach(p -> written.add(p.getName()));
            Set<String> declared = new TreeSet<>();
            crd.at(STATUS).fieldNames().forEachRemaining(declared::add);
            assertThat(declared).as("%s's CRD declares every field of its status", kind).containsAll(written);
        }
    }

    private static final String STATUS = "/spec/versions/0/schema/openAPIV3Schema/properties/status/properties";

    /** Drops the schema's documentation ({@code description: <text>}), not a property named description. */
    private static JsonNode withoutDescriptions(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            node.properties().forEach(e -> {
                if (!(e.getKey().equals("description") && e.getValue().isTextual())) {
                    copy.set(e.getKey(), withoutDescriptions(e.getValue()));
                }
            });
            return copy;
        }
        if (node.isArray()) {
            var copy = ((com.fasterxml.jackson.databind.node.ArrayNode) node).arrayNode();
            node.forEach(child -> copy.add(withoutDescriptions(child)));
            return copy;
        }
        return node;
    }
}
