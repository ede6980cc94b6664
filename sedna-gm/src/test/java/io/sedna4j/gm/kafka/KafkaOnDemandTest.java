package io.sedna4j.gm.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.sedna4j.api.Manifest;
import io.sedna4j.gm.GlobalManager;
import io.sedna4j.gm.GmConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GM starts its Kafka broker when the first resource asks for Kafka, and only then. */
class KafkaOnDemandTest {
    @TempDir
    Path dir;

    @Test
    void theBrokerStartsWhenAJobWithKafkaSupportIsStoredAndNotBefore() throws Exception {
        try (GlobalManager gm = GlobalManager.start(GmConfig.defaults(dir).withPort(0))) {
            gm.store().create(resource("""
                    apiVersion: sedna.io/v1alpha1
                    kind: Model
                    metadata: {name: detector}
                    spec: {url: models/detector.onnx, format: onnx}
                    """));
            Thread.sleep(500);
            assertThat(Files.exists(dir.resolve("kafka"))).as("no broker for a deployment without Kafka").isFalse();

            gm.store().create(resource("""
                    apiVersion: sedna.io/v1alpha1
                    kind: VideoAnalyticsJob
                    metadata: {name: camera-1}
                    spec:
                      kafkaSupport: true
                      model: {name: detector}
                      template:
                        spec:
                          nodeName: edge-1
                          containers: [{name: detection, image: sedna4j/video-analytics}]
                    """));

            int port = gm.kafkaPort();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            boolean listening = false;
            while (!listening && System.nanoTime() < deadline) {
                listening = accepts(port);
                Thread.sleep(200);
            }
            assertThat(listening).as("the broker listens on the port the workers were given").isTrue();
        }
    }

    private static io.sedna4j.api.v1alpha1.Resource<?, ?> resource(String yaml) {
        return Manifest.parse("test", yaml).resourcesOrThrow().get(0);
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
