package io.sedna4j.gm.rest;

import static io.sedna4j.gm.Manifests.MODELS;
import static io.sedna4j.gm.Manifests.model;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sedna4j.gm.GlobalManager;
import io.sedna4j.gm.GmConfig;
import io.sedna4j.gm.Http;
import io.sedna4j.gm.Manifests;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceRoutesTest {
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
    void createGetReplaceAndDeleteAsKubernetesDoes() {
        Http.Response created = http.post(MODELS, model("crud", "a.onnx"));
        assertThat(created.status()).isEqualTo(201);
        JsonNode obj = created.json();
        assertThat(obj.at("/metadata/namespace").asText()).as("the path's namespace").isEqualTo("default");
        assertThat(obj.at("/metadata/generation").asInt()).isEqualTo(1);

        assertThat(http.post(MODELS, model("crud", "a.onnx")).json().path("reason").asText()).isEqualTo("AlreadyExists");
        assertThat(http.get(MODELS + "/crud").json().at("/spec/url").asText()).isEqualTo("a.onnx");

        String stale = obj.toString();
        String replaced = stale.replace("a.onnx", "b.onnx");
        Http.Response put = http.put(MODELS + "/crud", replaced);
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().at("/metadata/generation").asInt()).isEqualTo(2);

        Http.Response conflict = http.put(MODELS + "/crud", stale.replace("a.onnx", "c.onnx"));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.json().path("reason").asText()).isEqualTo("Conflict");
        assertThat(conflict.json().path("kind").asText()).isEqualTo("Status");

        JsonNode list = http.get(MODELS).json();
        assertThat(list.path("kind").asText()).isEqualTo("ModelList");
        assertThat(list.at("/metadata/resourceVersion").asText()).isNotEmpty();
        assertThat(list.path("items").findValuesAsText("name")).contains("crud");

        Http.Response deleted = http.delete(MODELS + "/crud");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().at("/spec/url").asText()).isEqualTo("b.onnx");
        Http.Response missing = http.get(MODELS + "/crud");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("reason").asText()).isEqualTo("NotFound");
        assertThat(missing.json().path("message").asText()).isEqualTo("models.sedna.io \"crud\" not found");
    }

    @Test
    void mergePatchesChangeOnlyWhatTheyName() {
        http.post(MODELS, model("patched", "a.onnx"));
        String patch = "{\"metadata\":{\"labels\":{\"team\":\"edge\"}},\"spec\":{\"url\":\"b.onnx\"}}";
        Http.Response merge = http.patch(MODELS + "/patched", "application/merge-patch+json", patch);
        assertThat(merge.status()).isEqualTo(200);
        assertThat(merge.json().at("/spec/url").asText()).isEqualTo("b.onnx");
        assertThat(merge.json().at("/spec/format").asText()).isEqualTo("onnx");
        assertThat(merge.json().at("/metadata/labels/team").asText()).isEqualTo("edge");

        // kubectl's strategic merge patch is a merge patch for our kinds; its directives are dropped
        Http.Response strategic = http.patch(MODELS + "/patched", "application/strategic-merge-patch+json",
                "{\"$retainKeys\":[\"spec\"],\"metadata\":{\"labels\":{\"team\":null}}}");
        assertThat(strategic.status()).isEqualTo(200);
        assertThat(strategic.json().at("/metadata/labels").has("team")).isFalse();

        Http.Response invalid = http.patch(MODELS + "/patched", "application/merge-patch+json", "{\"spec\":{\"url\":null}}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(http.get(MODELS + "/patched").json().at("/spec/url").asText()).isEqualTo("b.onnx");

        assertThat(http.patch(MODELS + "/patched", "application/json-patch+json", "[]").status()).isEqualTo(415);
        String pinned = "{\"metadata\":{\"resourceVersion\":\"1\"},\"spec\":{\"url\":\"c.onnx\"}}";
        assertThat(http.patch(MODELS + "/patched", "application/merge-patch+json", pinned).status()).isEqualTo(409);
    }

    @Test
    void statusIsWrittenOnlyThroughItsSubresource() {
        http.post(MODELS, model("with-status", "a.onnx"));
        JsonNode obj = http.get(MODELS + "/with-status").json();
        String withStatus = obj.toString().replaceFirst("}$", ",\"status\":{\"updateTime\":\"2026-01-01T00:00:00Z\"}}");

        assertThat(http.put(MODELS + "/with-status", withStatus).json().has("status")).as("ignored on the main resource")
                .isFalse();
        String fresh = http.get(MODELS + "/with-status").json().toString()
                .replaceFirst("}$", ",\"status\":{\"updateTime\":\"2026-01-01T00:00:00Z\"}}");
        Http.Response status = http.put(MODELS + "/with-status/status", fresh);
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().at("/status/updateTime").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(status.json().at("/metadata/generation").asInt()).isEqualTo(1);

        Http.Response patched = http.patch(MODELS + "/with-status/status", "application/merge-patch+json",
                "{\"status\":{\"updateTime\":\"2026-02-02T00:00:00Z\"},\"spec\":{\"url\":\"ignored.onnx\"}}");
        assertThat(patched.json().at("/status/updateTime").asText()).isEqualTo("2026-02-02T00:00:00Z");
        assertThat(patched.json().at("/spec/url").asText()).isEqualTo("a.onnx");
        assertThat(http.get(MODELS + "/with-status/status").json().at("/status/updateTime").asText())
                .isEqualTo("2026-02-02T00:00:00Z");
    }

    @Test
    void aBrokenManifestIsAnswered422WithACausePerProblem() {
        String broken = "{\"apiVersion\":\"sedna.io/v1alpha1\",\"kind\":\"JointInferenceService\",\"metadata\":"
                + "{\"name\":\"Bad_Name\"},\"spec\":{\"edgeWorker\":{}}}";
        Http.Response r = http.post("/apis/sedna.io/v1alpha1/namespaces/default/jointinferenceservices", broken);
        assertThat(r.status()).isEqualTo(422);
        JsonNode status = r.json();
        assertThat(status.path("kind").asText()).isEqualTo("Status");
        assertThat(status.path("reason").asText()).isEqualTo("Invalid");
        assertThat(status.path("code").asInt()).isEqualTo(422);
        assertThat(status.path("message").asText()).startsWith("JointInferenceService.sedna.io \"Bad_Name\" is invalid: ");
        List<String> fields = status.at("/details/causes").findValuesAsText("field");
        assertThat(fields).contains("metadata.name", "spec.cloudWorker", "spec.edgeWorker.model");
        assertThat(status.at("/details/causes/0/message").asText()).contains("(fix: ");
        assertThat(http.get("/apis/sedna.io/v1alpha1/namespaces/default/jointinferenceservices").json()
                .path("items")).isEmpty();
    }

    @Test
    void unknownFieldsAreWarningsUnlessTheClientAsksForStrictValidation() {
        String extra = model("extra", "a.onnx").replace("\"format\"", "\"colour\":\"red\",\"format\"");
        Http.Response strict = http.post(MODELS + "?fieldValidation=Strict", extra);
        assertThat(strict.status()).as("kubectl's default").isEqualTo(422);
        assertThat(strict.json().at("/details/causes/0/field").asText()).isEqualTo("spec.colour");
        Http.Response lenient = http.post(MODELS, extra);
        assertThat(lenient.status()).isEqualTo(201);
        assertThat(lenient.raw().headers().allValues("Warning")).singleElement().asString()
                .startsWith("299 - \"spec.colour: unknown field");
        assertThat(lenient.json().at("/spec/colour").asText()).as("kept as written").isEqualTo("red");
    }

    @Test
    void yamlBodiesAndPathNamespacesAreAccepted() {
        String ns = "/apis/sedna.io/v1alpha1/namespaces/team-a/models";
        Http.Response yaml = http.post(ns, "application/yaml", Manifests.modelYaml("from-yaml", "y.onnx"));
        assertThat(yaml.status()).isEqualTo(201);
        assertThat(yaml.json().at("/metadata/namespace").asText()).isEqualTo("team-a");

        String other = model("elsewhere", "a.onnx").replace("\"name\":", "\"namespace\":\"team-b\",\"name\":");
        Http.Response mismatch = http.post(ns, other);
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.json().path("reason").asText()).isEqualTo("BadRequest");
        assertThat(mismatch.json().path("message").asText()).contains("team-b").contains("team-a").contains("fix:");

        assertThat(http.post(ns, model("x", "a.onnx").replace("\"Model\"", "\"Dataset\"")).status()).isIn(400, 422);
        assertThat(http.get("/apis/sedna.io/v1alpha1/models").json().path("items").findValuesAsText("name"))
                .contains("from-yaml");
        Http.Response unknown = http.get("/apis/sedna.io/v1alpha1/namespaces/default/widgets");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("message").asText()).contains("jointinferenceservices");
    }

    @Test
    void selectorsFilterLists() {
        http.post(MODELS, model("sel-a", "a.onnx").replace("\"name\":", "\"labels\":{\"tier\":\"edge\"},\"name\":"));
        http.post(MODELS, model("sel-b", "a.onnx"));
        assertThat(http.get(MODELS + "?labelSelector=tier%3Dedge").json().path("items").findValuesAsText("name"))
                .containsExactly("sel-a");
        assertThat(http.get(MODELS + "?fieldSelector=metadata.name%3Dsel-b").json().path("items")
                .findValuesAsText("name")).containsExactly("sel-b");
    }

    @Test
    void aWatchStreamsEventsAsLinesAndStaysOpen() throws Exception {
        http.post(MODELS, model("before-watch", "a.onnx"));
        String rv = http.get(MODELS).json().at("/metadata/resourceVersion").asText();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        CompletableFuture<HttpResponse<Stream<String>>> response = http.client().sendAsync(
                http.builder(MODELS + "?watch=true&resourceVersion=" + rv).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> r = response.get(5, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> {
            try {
                r.body().filter(l -> !l.isBlank()).forEach(lines::add);
            } catch (java.io.UncheckedIOException e) {
                // the GM closed at the end of the tests
            }
        });
        reader.setDaemon(true);
        reader.start();

        http.post(MODELS, model("watched", "a.onnx"));
        http.patch(MODELS + "/watched", "application/merge-patch+json", "{\"spec\":{\"url\":\"b.onnx\"}}");
        http.delete(MODELS + "/watched");
        List<JsonNode> events = new ArrayList<>();
        while (events.size() < 3) {
            String line = lines.poll(5, TimeUnit.SECONDS);
            assertThat(line).as("event " + (events.size() + 1)).isNotNull();
            events.add(io.sedna4j.gm.Json.parse(line));
        }
        assertThat(events).extracting(e -> e.path("type").asText() + " " + e.at("/object/metadata/name").asText())
                .containsExactly("ADDED watched", "MODIFIED watched", "DELETED watched");
        assertThat(events.get(1).at("/object/spec/url").asText()).isEqualTo("b.onnx");
        assertThat(reader.isAlive()).as("the stream stays open").isTrue();

        Http.Response gone = http.get(MODELS + "?watch=true&resourceVersion=notanumber");
        assertThat(gone.status()).isEqualTo(400);
    }

    @Test
    void aWatchFromAVersionTheHistoryNoLongerHoldsIs410Gone() throws Exception {
        // a fresh GM on its own data dir: its history starts at the stored version
        try (GlobalManager other = GlobalManager.start(GmConfig.defaults(dir.resolve("other")).withPort(0))) {
            Http h = new Http(other.url());
            h.post(MODELS, model("one", "a.onnx"));
            String seen = h.post(MODELS, model("two", "a.onnx")).json().at("/metadata/resourceVersion").asText();
            String before = Long.toString(Long.parseLong(seen) - 1);
            other.close();
            try (GlobalManager again = GlobalManager.start(GmConfig.defaults(dir.resolve("other")).withPort(0))) {
                Http.Response r = new Http(again.url()).get(MODELS + "?watch=true&resourceVersion=0&timeoutSeconds=1");
                assertThat(r.status()).as("version 0: current state, then changes").isEqualTo(200);
                assertThat(r.body()).contains("\"type\":\"ADDED\"").contains("\"one\"");
                // changes before the restart are not in the new GM's history
                Http.Response expired = new Http(again.url()).get(MODELS + "?watch=true&resourceVersion=" + before);
                assertThat(expired.status()).isEqualTo(410);
                assertThat(expired.json().path("reason").asText()).isEqualTo("Expired");
            }
        }
    }
}
