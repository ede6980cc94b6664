package io.sedna4j.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How model and dataset URLs reach a worker's containers, and which paths are never mounted. */
class StorageMountsTest {

    private static PodSpec spec(Map<String, String> env) {
        return spec(env, Map.of());
    }

    private static PodSpec spec(Map<String, String> env, Map<String, String> credentials) {
        var c = new ContainerBuilder().withName("w").withImage("sedna4j/probe");
        env.forEach((k, v) -> c.addNewEnv().withName(k).withValue(v).endEnv());
        PodSpec spec = new PodSpecBuilder().withContainers(c.build()).build();
        new StorageMounts("initializer:1", credentials).apply(spec);
        return spec;
    }

    @Test
    void aListMixesDownloadsAndHostPathsAndEachDirectoryIsMountedOnce() {
        PodSpec spec = spec(Map.of("MODEL_URLS", "s3://bucket/a/m1.onnx;/models/x/m2.onnx;/models/x/m3.onnx;"
                + "https://example.org/m4.onnx"));

        assertThat(KubernetesSamplesTest.env(spec.getContainers().get(0)).get("MODEL_URLS")).isEqualTo(
                "/downloads/bucket/a/m1.onnx;/home/data/models/x/m2.onnx;/home/data/models/x/m3.onnx;"
                        + "/downloads/example.org/m4.onnx");
        assertThat(spec.getInitContainers().get(0).getArgs()).containsExactly("s3://bucket/a/m1.onnx",
                "/downloads/bucket/a", "https://example.org/m4.onnx", "/downloads/example.org");
        assertThat(spec.getVolumes()).filteredOn(v -> v.getHostPath() != null).extracting(Volume::getHostPath)
                .extracting(h -> h.getPath()).containsExactly("/models/x");
    }

    @Test
    void pathsThatClimbOrWouldMountTheHostsRootOrAreRelativeAreLeftAlone() {
        Map<String, String> env = Map.of("MODEL_URL", "/models/../etc/shadow", "TRAIN_DATASET_URL", "/index.txt",
                "TEST_DATASET_URL", "data/test.txt", "BASE_MODEL_URL", "s3://bucket/../../etc/passwd");
        PodSpec spec = spec(env);

        assertThat(KubernetesSamplesTest.env(spec.getContainers().get(0))).containsAllEntriesOf(env)
                .doesNotContainKey("DATA_PATH_PREFIX");
        assertThat(spec.getVolumes()).isNullOrEmpty();
        assertThat(spec.getInitContainers()).isNullOrEmpty();
    }

    @Test
    void outputsAreMountedFromTheHostButNeverDownloaded() {
        PodSpec spec = spec(Map.of("OUTPUT_URL", "/output/job", "AGG_DATA_PATH", "s3://bucket/agg"));

        assertThat(KubernetesSamplesTest.env(spec.getContainers().get(0))).containsEntry("OUTPUT_URL",
                "/home/data/output/job").containsEntry("AGG_DATA_PATH", "s3://bucket/agg");
        assertThat(spec.getInitContainers()).isNullOrEmpty();
    }

    /** {@code name=secret/key} of each variable set from a Secret. */
    private static List<String> secretRefs(Container c) {
        return c.getEnv() == null ? List.of() : c.getEnv().stream().filter(v -> v.getValueFrom() != null)
                .map(v -> v.getName() + "=" + v.getValueFrom().getSecretKeyRef().getName() + "/"
                        + v.getValueFrom().getSecretKeyRef().getKey()).toList();
    }

    @Test
    void anS3DownloadGetsItsSecretInTheInitializerAndAnS3OutputInTheWorkers() {
        PodSpec spec = spec(Map.of("MODEL_URL", "s3://bucket/m.onnx", "TRAIN_DATASET_URL", "s3://data/index.txt",
                "OUTPUT_URL", "s3://bucket/out"), Map.of("MODEL_URL", "model-creds", "OUTPUT_URL", "job-creds"));

        assertThat(secretRefs(spec.getInitContainers().get(0))).containsExactly(
                "S3_ENDPOINT_URL=model-creds/S3_ENDPOINT_URL", "ACCESS_KEY_ID=model-creds/ACCESS_KEY_ID",
                "SECRET_ACCESS_KEY=model-creds/SECRET_ACCESS_KEY");
        assertThat(secretRefs(spec.getContainers().get(0))).containsExactly(
                "S3_ENDPOINT_URL=job-creds/S3_ENDPOINT_URL", "ACCESS_KEY_ID=job-creds/ACCESS_KEY_ID",
                "SECRET_ACCESS_KEY=job-creds/SECRET_ACCESS_KEY");
    }

    @Test
    void noSecretIsReferencedWithoutACredentialNameOrForAUrlThatIsNotS3() {
        PodSpec spec = spec(Map.of("MODEL_URL", "s3://bucket/m.onnx", "BASE_MODEL_URL", "https://example.org/m.pt",
                "OUTPUT_URL", "/output/job"), Map.of("BASE_MODEL_URL", "http-creds", "OUTPUT_URL", "job-creds"));

        assertThat(secretRefs(spec.getInitContainers().get(0))).isEmpty();
        assertThat(secretRefs(spec.getContainers().get(0))).isEmpty();
    }

    @Test
    void keysTheTemplateSetsItselfAreKept() {
        var c = new ContainerBuilder().withName("w").withImage("sedna4j/probe")
                .addNewEnv().withName("AGG_DATA_PATH").withValue("s3://fl/agg").endEnv()
                .addNewEnv().withName("S3_ENDPOINT_URL").withValue("http://minio.local:9000").endEnv().build();
        PodSpec spec = new PodSpecBuilder().withContainers(c).build();
        new StorageMounts("initializer:1", Map.of("AGG_DATA_PATH", "fl-creds")).apply(spec);

        assertThat(KubernetesSamplesTest.env(spec.getContainers().get(0)))
                .containsEntry("S3_ENDPOINT_URL", "http://minio.local:9000");
        assertThat(secretRefs(spec.getContainers().get(0))).containsExactly("ACCESS_KEY_ID=fl-creds/ACCESS_KEY_ID",
                "SECRET_ACCESS_KEY=fl-creds/SECRET_ACCESS_KEY");
    }
}
