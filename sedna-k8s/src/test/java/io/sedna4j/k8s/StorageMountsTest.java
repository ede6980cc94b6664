package io.sedna4j.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How model and dataset URLs reach a worker's containers, and which paths are never mounted. */
class StorageMountsTest {

    private static PodSpec spec(Map<String, String> env) {
        var c = new ContainerBuilder().withName("w").withImage("sedna4j/probe");
        env.forEach((k, v) -> c.addNewEnv().withName(k).withValue(v).endEnv());
        PodSpec spec = new PodSpecBuilder().withContainers(c.build()).build();
        new StorageMounts("initializer:1").apply(spec);
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
}
