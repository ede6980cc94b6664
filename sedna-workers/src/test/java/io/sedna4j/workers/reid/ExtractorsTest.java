package io.sedna4j.workers.reid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.WorkerContext;
import io.sedna4j.vision.reid.AppearanceDescriptor;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractorsTest {
    @TempDir
    Path dir;

    @Test
    void theBuiltInDescriptorUnlessModelUrlNamesAnOnnxModelWhichMustExist() {
        assertThat(Extractors.create(WorkerContext.fromEnv(Map.of()))).isInstanceOf(AppearanceDescriptor.class);
        assertThat(Extractors.create(WorkerContext.fromEnv(Map.of("MODEL_URL", "builtin/appearance-descriptor"))))
                .isInstanceOf(AppearanceDescriptor.class);
        Path missing = dir.resolve("osnet.onnx");
        assertThatThrownBy(() -> Extractors.create(WorkerContext.fromEnv(Map.of("MODEL_URL", missing.toString(),
                "SEDNA_CACHE_DIR", dir.resolve("cache").toString())))).isInstanceOf(LibException.class)
                .hasMessageContaining("MODEL_URL").hasMessageContaining("osnet.onnx");
    }

    @Test
    void inputShapeIsHeightCommaWidth() {
        assertThat(Extractors.inputShape("256, 128")).containsExactly(256, 128);
        assertThatThrownBy(() -> Extractors.inputShape("256x128")).isInstanceOf(LibException.class)
                .hasMessageContaining("input_shape=\"256x128\"");
    }
}
