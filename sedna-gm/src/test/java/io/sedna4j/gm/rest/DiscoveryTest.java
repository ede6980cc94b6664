package io.sedna4j.gm.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sedna4j.gm.GlobalManager;
import io.sedna4j.gm.GmConfig;
import io.sedna4j.gm.Http;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryTest {
    @TempDir
    static Path dir;
    static GlobalManager gm;
    static Http http;

    @BeforeAll
    static void start() {
        gm = GlobalManager.start(GmConfig.defaults(dir).withPort(0));
        http = new Http(gm.url());
    }

    @AfterAll
    static void stop() {
        gm.close();
    }

    @Test
    void theSednaGroupListsEveryKindWithItsShortNames() {
        JsonNode groups = http.get("/apis").json();
        assertThat(groups.path("kind").asText()).isEqualTo("APIGroupList");
        assertThat(groups.at("/groups/0/name").asText()).isEqualTo("sedna.io");
        assertThat(groups.at("/groups/0/preferredVersion/groupVersion").asText()).isEqualTo("sedna.io/v1alpha1");

        JsonNode resources = http.get("/apis/sedna.io/v1alpha1").json();
        assertThat(resources.path("groupVersion").asText()).isEqualTo("sedna.io/v1alpha1");
        List<String> shortNames = new ArrayList<>();
        JsonNode ji = null;
        for (JsonNode r : resources.path("resources")) {
            r.path("shortNames").forEach(s -> shortNames.add(s.asText()));
            if (r.path("name").asText().equals("jointinferenceservices")) {
                ji = r;
            }
        }
        assertThat(shortNames).containsExactlyInAnyOrder("ji", "il", "fl", "ll", "fe", "va", "reid", "objs", "objt");
        assertThat(ji).isNotNull();
        assertThat(ji.path("kind").asText()).isEqualTo("JointInferenceService");
        assertThat(ji.path("namespaced").asBoolean()).isTrue();
        assertThat(ji.path("verbs").findValuesAsText("")).isEmpty();
        assertThat(ji.path("verbs").toString()).contains("\"watch\"", "\"patch\"", "\"create\"");
        assertThat(resources.path("resources").findValuesAsText("name")).contains("jointinferenceservices/status",
                "datasets", "models", "reidjobs");
    }

    @Test
    void coreDiscoveryVersionAndHealthAnswer() {
        assertThat(http.get("/api").json().path("versions").toString()).isEqualTo("[\"v1\"]");
        assertThat(http.get("/api/v1").json().path("resources").findValuesAsText("name"))
                .contains("nodes", "pods", "pods/log");
        JsonNode version = http.get("/version").json();
        assertThat(version.path("major").asText()).isEqualTo("1");
        assertThat(version.path("gitVersion").asText()).contains("sedna4j");
        assertThat(http.get("/healthz").body()).isEqualTo("ok");
        assertThat(http.get("/openapi/v3").json().at("/paths").fieldNames().next()).isEqualTo("apis/sedna.io/v1alpha1");
        assertThat(http.get("/openapi/v3/apis/sedna.io/v1alpha1").body()).contains("fieldValidation");
    }

    @Test
    void unknownPathsAreKubernetesStatuses() {
        Http.Response r = http.get("/openapi/v2");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().path("kind").asText()).isEqualTo("Status");
        assertThat(r.json().path("reason").asText()).isEqualTo("NotFound");
        assertThat(r.json().path("message").asText()).contains("/openapi/v2");
    }

    @Test
    void metricsAreServedInPrometheusFormat() {
        http.get("/healthz");
        String metrics = http.get("/metrics").body();
        assertThat(metrics).contains("sedna_reconciles_total", "sedna_reconcile_errors_total",
                "sedna_reconcile_queue_depth", "sedna_link_connected_nodes", "sedna_nodes_ready",
                "sedna_link_pending_frames_all", "sedna_link_message_latency_seconds", "sedna_rest_requests_seconds_count");
    }
}
