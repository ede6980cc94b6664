package io.sedna4j.lib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerContextTest {

    @Test
    void emptyEnvironmentGivesSednasDefaults() {
        WorkerContext c = WorkerContext.fromEnv(Map.of());
        assertThat(c.jobName()).isEqualTo("sedna");
        assertThat(c.ownerName()).isEqualTo("sedna");
        assertThat(c.workerName()).isEqualTo("sedna");
        assertThat(c.lcServer()).isEqualTo(URI.create("http://127.0.0.1:9100"));
        assertThat(c.lcPeriod()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.bigModelPort()).isEqualTo(5000);
        assertThat(c.bigModelBindPort()).isEqualTo(5000);
        assertThat(c.aggBindPort()).isEqualTo(7363);
        assertThat(c.participantsCount()).isEqualTo(1);
        assertThat(c.transmitter()).isEqualTo("ws");
        assertThat(c.kafkaEnabled()).isFalse();
        assertThat(c.dataPathPrefix()).isEqualTo("/home/data");
        assertThat(c.miningMode()).isEqualTo("inference-then-mining");
        assertThat(c.modelUrls()).isEmpty();
        assertThat(c.hemName()).isEmpty();
        assertThat(c.hemParameters()).isEmpty();
    }

    @Test
    void lowerCaseNameFallsBackToUpperCaseAndEmptyMeansDefault() {
        WorkerContext c = WorkerContext.fromEnv(Map.of("EXIT_ROUND", "3", "learning_rate", "0.1", "EMPTY", ""));
        assertThat(c.parameter("exit_round", "1")).isEqualTo("3");
        assertThat(c.parameter("learning_rate", "0.5")).isEqualTo("0.1");
        assertThat(c.parameter("empty", "fallback")).isEqualTo("fallback");
        assertThat(c.parameter("EMPTY", "fallback")).isEqualTo("fallback");
        assertThat(c.intParameter("exit_round", 1)).isEqualTo(3);
    }

    @Test
    void serviceNameNamesTheOwnerWhenNoJobNameIsSet() {
        WorkerContext service = WorkerContext.fromEnv(Map.of("SERVICE_NAME", "helmet", "WORKER_NAME", "edge-1"));
        assertThat(service.ownerName()).isEqualTo("helmet");
        assertThat(service.jobName()).isEqualTo("sedna"); // Sedna's own default, kept for who asks for it
        assertThat(service.workerName()).isEqualTo("edge-1");
        WorkerContext job = WorkerContext.fromEnv(Map.of("SERVICE_NAME", "x", "JOB_NAME", "train-1"));
        assertThat(job.ownerName()).isEqualTo("train-1");
        assertThat(job.workerName()).isEqualTo("train-1");
    }

    @Test
    void readsTheWholeContract() {
        WorkerContext c = WorkerContext.fromEnv(Map.ofEntries(
                Map.entry("NAMESPACE", "team-a"), Map.entry("NODE_NAME", "edge-1"),
                Map.entry("LC_SERVER", "http://127.0.0.1:9101"), Map.entry("MODEL_URL", "s3://m/model.onnx"),
                Map.entry("MODEL_URLS", "a.onnx; b.onnx;;"), Map.entry("BASE_MODEL_URL", "base.onnx"),
                Map.entry("TRAIN_DATASET_URL", "train.txt"), Map.entry("TEST_DATASET_URL", "test.txt"),
                Map.entry("ORIGINAL_DATASET_URL", "orig.txt"), Map.entry("HEM_NAME", "IBT"),
                Map.entry("HEM_PARAMETERS", "[{\"key\":\"threshold_img\",\"value\":\"0.9\"},"
                        + "{\"key\":\"threshold_box\",\"value\":0.8}]"),
                Map.entry("BIG_MODEL_IP", "10.0.0.5"), Map.entry("BIG_MODEL_PORT", "5001"),
                Map.entry("AGG_IP", "10.0.0.6"), Map.entry("AGG_PORT", "7364"), Map.entry("PARTICIPANTS_COUNT", "3"),
                Map.entry("TRANSMITTER", "s3"), Map.entry("KAFKA_ENABLED", "True"), Map.entry("LC_PERIOD", "0.5"),
                Map.entry("DATA_PATH_PREFIX", "/data")));
        assertThat(c.namespace()).isEqualTo("team-a");
        assertThat(c.nodeName()).contains("edge-1");
        assertThat(c.lcServer().getPort()).isEqualTo(9101);
        assertThat(c.modelUrl()).contains("s3://m/model.onnx");
        assertThat(c.modelUrls()).containsExactly("a.onnx", "b.onnx");
        assertThat(c.baseModelUrl()).contains("base.onnx");
        assertThat(c.trainDatasetUrl()).contains("train.txt");
        assertThat(c.testDatasetUrl()).contains("test.txt");
        assertThat(c.originalDatasetUrl()).contains("orig.txt");
        assertThat(c.hemName()).contains("IBT");
        assertThat(c.hemParameters()).containsExactly(Map.entry("threshold_img", "0.9"),
                Map.entry("threshold_box", "0.8"));
        assertThat(c.bigModelIp()).isEqualTo("10.0.0.5");
        assertThat(c.bigModelPort()).isEqualTo(5001);
        assertThat(c.aggIp()).isEqualTo("10.0.0.6");
        assertThat(c.aggPort()).isEqualTo(7364);
        assertThat(c.participantsCount()).isEqualTo(3);
        assertThat(c.transmitter()).isEqualTo("s3");
        assertThat(c.kafkaEnabled()).isTrue();
        assertThat(c.lcPeriod()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.reportPath("/data/models/m1.onnx")).isEqualTo("/models/m1.onnx");
        assertThat(WorkerContext.fromEnv(Map.of("MODEL_URL", "only.onnx")).modelUrls()).isEqualTo(List.of("only.onnx"));
    }

    @Test
    void badValuesFailNamingTheVariableAndTheFix() {
        WorkerContext c = WorkerContext.fromEnv(Map.of("BIG_MODEL_PORT", "five", "KAFKA_ENABLED", "yes",
                "LC_PERIOD", "-1", "HEM_PARAMETERS", "threshold=0.5", "LC_SERVER", "localhost",
                "PARTICIPANTS_COUNT", "0", "AGG_PORT", "70000"));
        assertThatThrownBy(c::bigModelPort).isInstanceOf(LibException.class)
                .hasMessageContaining("BIG_MODEL_PORT=\"five\"").hasMessageContaining("fix:");
        assertThatThrownBy(c::kafkaEnabled).hasMessageContaining("KAFKA_ENABLED=\"yes\"")
                .hasMessageContaining("true or false");
        assertThatThrownBy(c::lcPeriod).hasMessageContaining("LC_PERIOD").hasMessageContaining("positive");
        assertThatThrownBy(c::hemParameters).hasMessageContaining("HEM_PARAMETERS").hasMessageContaining("JSON");
        assertThatThrownBy(c::lcServer).hasMessageContaining("LC_SERVER=\"localhost\"");
        assertThatThrownBy(c::participantsCount).hasMessageContaining("PARTICIPANTS_COUNT");
        assertThatThrownBy(c::aggPort).hasMessageContaining("AGG_PORT").hasMessageContaining("65535");
        assertThatThrownBy(() -> WorkerContext.fromEnv(Map.of("HEM_PARAMETERS", "[{\"value\":\"1\"}]")).hemParameters())
                .hasMessageContaining("item 0").hasMessageContaining("\"key\"");
    }
}
