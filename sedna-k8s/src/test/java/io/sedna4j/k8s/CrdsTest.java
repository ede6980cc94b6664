package io.sedna4j.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedna4j.api.v1alpha1.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** deploy/crds: Sedna's CRDs, the same group, versions, names and schemas, without the schema descriptions. */
class CrdsTest {

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
            assertThat(Yaml.document(ourFile)).as("%s is Sedna's without descriptions", ourFile.getFileName())
                    .isEqualTo(theirs);
        }
    }

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
