package io.sedna4j.lc;

import static io.sedna4j.lc.TestLc.TOKEN;
import static io.sedna4j.lc.TestLc.WAIT;
import static io.sedna4j.lc.TestLc.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.sedna4j.api.link.Frame;
import io.sedna4j.api.link.Operation;
import io.sedna4j.api.link.UpstreamMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerApiTest {
    @TempDir
    Path dir;

    @Test
    void aWorkerReportIsAnsweredOkAndRelayedToItsOwnerAsSednasUpstreamMessage() throws Exception {
        try (FakeGm gm = FakeGm.start(0, TOKEN); LocalController lc = TestLc.start(gm, dir)) {
            gm.awaitConnection(1, WAIT);
            String body = "{\"name\":\"train-0\",\"namespace\":\"ml\",\"ownerName\":\"helmet\","
                    + "\"ownerKind\":\"incrementallearningjob\",\"kind\":\"train\",\"status\":\"completed\","
                    + "\"results\":[{\"format\":\"pb\",\"url\":\"/output/train/1/model.pb\",\"metrics\":{\"f1\":0.9}}]}";
            HttpResponse<String> r = post(lc.workerApiPort(), "train-0", body);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"Status\":200,\"Message\":\"OK\"}");

            Frame f = gm.await(x -> x.header() != null && Operation.STATUS.equals(x.header().operation()), WAIT);
            assertThat(f.header()).isEqualTo(new Frame.Header("ml", "incrementallearningjob", "helmet",
                    Operation.STATUS));
            UpstreamMessage m = f.content(UpstreamMessage.class);
            assertThat(m.phase()).isEqualTo("train");
            assertThat(m.status()).isEqualTo("completed");
            assertThat(m.output().path("models").get(0).path("url").asText()).isEqualTo("/output/train/1/model.pb");
            assertThat(m.output().has("ownerInfo")).isFalse();
        }
    }

    @Test
    void aBodyThatIsNotJsonOrNamesAnotherWorkerIsRefusedWith400InSednasShape() throws Exception {
        try (FakeGm gm = FakeGm.start(0, TOKEN); LocalController lc = TestLc.start(gm, dir)) {
            int port = lc.workerApiPort();
            HttpResponse<String> notJson = post(port, "w", "this is not json");
            assertThat(notJson.statusCode()).isEqualTo(400);
            assertThat(notJson.body()).startsWith("{\"Status\":400,\"Message\":\"the body of /sedna/workers/w/info is"
                    + " not worker info JSON");

            HttpResponse<String> otherName = post(port, "w", TestLc.info("v", "svc", 1));
            assertThat(otherName.statusCode()).isEqualTo(400);
            assertThat(otherName.body()).contains("worker name \\\"v\\\" in the body differs from \\\"w\\\" in the path",
                    "fix: post to /sedna/workers/v/info");

            HttpResponse<String> noOwner = post(port, "w", "{\"name\":\"w\",\"kind\":\"inference\"}");
            assertThat(noOwner.statusCode()).isEqualTo(400);
            assertThat(noOwner.body()).contains("no ownerKind or ownerName");
            assertThat(lc.pendingReports()).isZero();
        }
    }

    @Test
    void healthzAnswersOkAndOtherMethodsAreRefused() throws Exception {
        try (FakeGm gm = FakeGm.start(0, TOKEN); LocalController lc = TestLc.start(gm, dir)) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + lc.workerApiPort();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("ok");
            HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(base + "/sedna/workers/w/info"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(405);
        }
    }

    @Test
    void aSecondLcForTheSameNodeDirectoryIsRefusedWithTheFix() throws Exception {
        try (FakeGm gm = FakeGm.start(0, TOKEN); LocalController lc = TestLc.start(gm, dir)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestLc.start(gm, dir))
                    .isInstanceOf(LcException.class)
                    .hasMessageContaining("another Local Controller runs for node edge-1")
                    .hasMessageContaining("fix:");
            assertThat(lc.workerApiPort()).isPositive();
        }
    }

    @Test
    void aBusyWorkerApiPortIsReportedWithTheFix() throws Exception {
        try (FakeGm gm = FakeGm.start(0, TOKEN); LocalController lc = TestLc.start(gm, dir)) {
            LcConfig other = LcConfig.defaults(gm.url(), "edge-2", dir.resolve("edge-2"))
                    .withWorkerApiPort(lc.workerApiPort());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalController.start(other, TestLc.FAST))
                    .isInstanceOf(LcException.class)
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + lc.workerApiPort())
                    .hasMessageContaining("fix:");
        }
    }
}
