package io.sedna4j.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sedna4j.api.v1alpha1.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/: every plain manifest parses and holds what the adapters need (no Helm or Docker runs here); the RBAC
 * grants what the GM does, and nothing broad; the Helm chart's templates use only values that values.yaml defines;
 * the Dockerfiles are multi-stage and end as a non-root user.
 */
class DeployManifestsTest {
    private static final Path DEPLOY = MockCluster.DEPLOY;

    private static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode object(String file, String kind, String name) {
        return Yaml.documents(DEPLOY.resolve(file)).stream()
                .filter(d -> kind.equals(d.path("kind").asText()) && name.equals(d.at("/metadata/name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError(file + " has no " + kind + " " + name));
    }

    @Test
    void everyPlainManifestParsesIntoNamedKubernetesObjects() {
        List<Path> manifests = files(DEPLOY, ".yaml").stream()
                .filter(f -> !f.startsWith(DEPLOY.resolve("helm"))).toList();
        assertThat(manifests).extracting(f -> DEPLOY.relativize(f).toString())
                .contains("rbac.yaml", "config.yaml", "gm.yaml", "lc.yaml");
        for (Path f : manifests) {
            List<JsonNode> docs = Yaml.documents(f);
            assertThat(docs).as(f.toString()).isNotEmpty();
            for (JsonNode d : docs) {
                assertThat(d.path("apiVersion").asText()).as("apiVersion in %s", f).isNotEmpty();
                assertThat(d.path("kind").asText()).as("kind in %s", f).isNotEmpty();
                assertThat(d.at("/metadata/name").asText()).as("metadata.name in %s", f).isNotEmpty();
            }
        }
    }

    @Test
    void theGmMayDoWhatItDoesAndNoMore() {
        JsonNode role = object("rbac.yaml", "ClusterRole", "sedna4j-gm");
        Set<String> granted = new TreeSet<>();
        for (JsonNode rule : role.path("rules")) {
            for (JsonNode group : rule.path("apiGroups")) {
                for (JsonNode resource : rule.path("resources")) {
                    for (JsonNode verb : rule.path("verbs")) {
                        granted.add(group.asText() + "/" + resource.asText() + ":" + verb.asText());
                    }
                }
            }
        }
        assertThat(granted).noneMatch(g -> g.contains("*")).noneMatch(g -> g.contains("secrets"));
        for (Kind kind : Kind.values()) {
            for (String verb : List.of("get", "list", "watch")) {
                assertThat(granted).contains("sedna.io/" + kind.plural() + ":" + verb);
            }
            assertThat(granted).contains("sedna.io/" + kind.plural() + "/status:update")
                    .doesNotContain("sedna.io/" + kind.plural() + ":update", "sedna.io/" + kind.plural() + ":delete");
        }
        assertThat(granted).contains("/pods:create", "/pods:delete", "/pods:watch", "/services:create",
                "apps/deployments:create", "apps/deployments:update", "/nodes:watch",
                // Sedna's RBAC lacks these, so its joint inference hpa cannot work
                "autoscaling/horizontalpodautoscalers:create", "autoscaling/horizontalpodautoscalers:update");
        JsonNode lease = object("rbac.yaml", "Role", "sedna4j-gm-leader-election");
        assertThat(lease.at("/rules/0/resources/0").asText()).isEqualTo("leases");
        assertThat(object("rbac.yaml", "ServiceAccount", "sedna4j-lc").path("automountServiceAccountToken")
                .asBoolean(true)).as("the LC needs no API access").isFalse();
    }

    @Test
    void theGmAndTheLcRunAsTheCommandsExpect() {
        JsonNode gm = object("gm.yaml", "Deployment", "sedna4j-gm").at("/spec/template/spec");
        assertThat(gm.path("serviceAccountName").asText()).isEqualTo("sedna4j-gm");
        JsonNode gmContainer = gm.at("/containers/0");
        assertThat(gmContainer.path("args").toString()).contains("\"gm\"", "\"--kubernetes\"", "\"--token-file\"");
        assertThat(gmContainer.at("/readinessProbe/httpGet/path").asText()).as("only the leader is Ready")
                .isEqualTo("/readyz");
        assertThat(gm.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(object("gm.yaml", "Service", "sedna4j-gm").at("/spec/ports/0/name").asText())
                .as("EdgeMesh's port name").isEqualTo("tcp-0");

        JsonNode lc = object("lc.yaml", "DaemonSet", "sedna4j-lc").at("/spec/template/spec");
        assertThat(lc.path("hostNetwork").asBoolean()).as("workers reach the LC at localhost:9100").isTrue();
        JsonNode lcContainer = lc.at("/containers/0");
        assertThat(lcContainer.path("args").toString()).contains("\"lc\"", "\"--kubernetes\"", "\"9100\"");
        assertThat(lcContainer.at("/ports/0/hostPort").asInt()).isEqualTo(9100);
        assertThat(lcContainer.at("/env/0/valueFrom/fieldRef/fieldPath").asText()).isEqualTo("spec.nodeName");
        assertThat(lcContainer.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        // the ConfigMap keys both read exist
        JsonNode config = object("config.yaml", "ConfigMap", "sedna4j-config").path("data");
        for (JsonNode env : List.of(gmContainer.path("env"), lcContainer.path("env"))) {
            for (JsonNode e : env) {
                JsonNode ref = e.at("/valueFrom/configMapKeyRef");
                if (!ref.isMissingNode()) {
                    assertThat(config.has(ref.path("key").asText())).as("config key %s", ref.path("key")).isTrue();
                }
            }
        }
    }

    private static final Pattern VALUE = Pattern.compile("\\.Values\\.([A-Za-z0-9_.]+)");

    @Test
    void theHelmChartUsesOnlyValuesItDefines() throws IOException {
        Path chart = DEPLOY.resolve("helm/sedna4j");
        JsonNode meta = Yaml.document(chart.resolve("Chart.yaml"));
        assertThat(meta.path("apiVersion").asText()).isEqualTo("v2");
        assertThat(meta.path("name").asText()).isEqualTo("sedna4j");
        assertThat(meta.path("version").asText()).matches("\\d+\\.\\d+\\.\\d+");
        JsonNode values = Yaml.document(chart.resolve("values.yaml"));
        assertThat(values.at("/images/gm").asText()).isNotEmpty();
        assertThat(values.at("/gm/resources").isObject()).isTrue();
        assertThat(values.at("/lc/nodeSelector").isObject()).isTrue();
        assertThat(Files.isDirectory(chart.resolve("crds")) && Files.list(chart.resolve("crds")).count() == 11)
                .as("the chart installs the CRDs").isTrue();
        List<String> missing = new ArrayList<>();
        int references = 0;
        for (Path template : files(chart.resolve("templates"), "")) {
            if (!Files.isRegularFile(template)) {
                continue;
            }
            Matcher m = VALUE.matcher(Files.readString(template));
            while (m.find()) {
                references++;
                String path = "/" + m.group(1).replace('.', '/');
                if (values.at(path).isMissingNode()) {
                    missing.add(template.getFileName() + ": .Values." + m.group(1));
                }
            }
        }
        assertThat(references).isGreaterThan(10);
        assertThat(missing).as("values the templates use but values.yaml lacks").isEmpty();
    }

    @Test
    void theDockerfilesAreMultiStageAndEndAsANonRootUser() throws IOException {
        List<Path> dockerfiles = files(DEPLOY.resolve("docker"), ".Dockerfile");
        assertThat(dockerfiles).extracting(f -> f.getFileName().toString())
                .containsExactlyInAnyOrder("gm.Dockerfile", "lc.Dockerfile", "worker.Dockerfile");
        for (Path f : dockerfiles) {
            List<String> lines = Files.readAllLines(f);
            assertThat(lines.stream().filter(l -> l.startsWith("FROM ")).count()).as("stages of %s", f)
                    .isGreaterThanOrEqualTo(2);
            String user = lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElse("USER root");
            assertThat(user).as("the last USER of %s", f).doesNotContain("root").doesNotMatch("USER 0(:.*)?");
            assertThat(lines).as("%s starts the JVM without a shell", f)
                    .anyMatch(l -> l.startsWith("ENTRYPOINT [\"java\""));
        }
    }
}
