package io.sedna4j.workers.reid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.WorkerContext;
import io.sedna4j.vision.tracking.ByteTracker;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VideoAnalyticsTest {
    @Test
    void hogGetsTrackerSettingsForItsLowScoresAndSednasTrackBufferAndTheEnvironmentOverridesThem() {
        ByteTracker.Options hog = VideoAnalytics.trackerOptions(WorkerContext.fromEnv(Map.of()), "hog", 5);
        ByteTracker.Options nanodet = VideoAnalytics.trackerOptions(WorkerContext.fromEnv(Map.of("track_thresh",
                "0.6", "track_buffer", "30", "min_box_area", "500")), "nanodet", 10);

        assertThat(hog.trackThresh()).isEqualTo(0.25f);
        assertThat(hog.fuseScore()).isFalse();
        assertThat(hog.trackBuffer()).isEqualTo(100);
        assertThat(hog.maxTimeLost()).as("frames at 5 fps").isEqualTo(16);
        assertThat(nanodet.trackThresh()).isEqualTo(0.6f);
        assertThat(nanodet.fuseScore()).isTrue();
        assertThat(nanodet.trackBuffer()).isEqualTo(30);
        assertThat(nanodet.minBoxArea()).isEqualTo(500);
        assertThat(nanodet.frameRate()).isEqualTo(10);
    }

    @Test
    void theCameraIsNamedByVideoIdThenCameraThenTheNode() {
        assertThat(VideoAnalyticsWorker.camera(WorkerContext.fromEnv(Map.of("video_id", "gate", "camera", "x",
                "NODE_NAME", "edge-1")))).isEqualTo("gate");
        assertThat(VideoAnalyticsWorker.camera(WorkerContext.fromEnv(Map.of("camera", "x", "NODE_NAME", "edge-1"))))
                .isEqualTo("x");
        assertThat(VideoAnalyticsWorker.camera(WorkerContext.fromEnv(Map.of("NODE_NAME", "edge-1"))))
                .isEqualTo("edge-1");
    }

    @Test
    void aFeatureModelThatCannotLoadHereLeavesAutoPlacementToTheCloudButFailsEdgeAndPrivacy() throws Exception {
        WorkerContext missing = WorkerContext.fromEnv(Map.of("FEATURE_MODEL_URL", "/no/such/osnet.onnx"));

        assertThat(VideoAnalyticsWorker.edgeExtractor(missing, PlacementPolicy.Mode.AUTO, false)).isNull();
        assertThatThrownBy(() -> VideoAnalyticsWorker.edgeExtractor(missing, PlacementPolicy.Mode.EDGE, false))
                .isInstanceOf(LibException.class).hasMessageContaining("FEATURE_MODEL_URL");
        assertThatThrownBy(() -> VideoAnalyticsWorker.edgeExtractor(missing, PlacementPolicy.Mode.AUTO, true))
                .isInstanceOf(LibException.class).hasMessageContaining("/no/such/osnet.onnx");
        try (var builtin = VideoAnalyticsWorker.edgeExtractor(WorkerContext.fromEnv(Map.of()),
                PlacementPolicy.Mode.AUTO, false)) {
            assertThat(builtin.name()).isEqualTo(new io.sedna4j.vision.reid.AppearanceDescriptor().name());
        }
        assertThatThrownBy(() -> VideoAnalyticsWorker.privacy(WorkerContext.fromEnv(Map.of("privacy", "strict"))))
                .isInstanceOf(LibException.class).hasMessageContaining("privacy=\"strict\"")
                .hasMessageContaining("fix: set it to edge-only");
    }
}
