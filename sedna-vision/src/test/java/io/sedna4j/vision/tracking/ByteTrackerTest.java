package io.sedna4j.vision.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.inference.Detection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ByteTrackerTest {

    @Test
    void twoPeopleCrossingKeepTheirIds() {
        // A walks right, B walks left, 30 px apart vertically: at the crossing their boxes overlap by IoU 0.6
        Scene scene = new Scene()
                .add(Scene.moving(100, 200, 8, 0, 0, 59))
                .add(Scene.moving(572, 230, -8, 0, 0, 59));
        scene.run(new ByteTracker(), 60);
        assertThat(scene.idSwitches(0)).isZero();
        assertThat(scene.idSwitches(1)).isZero();
        assertThat(scene.ids(0)).containsOnly(1);
        assertThat(scene.ids(1)).containsOnly(2);
    }

    @Test
    void anOccludedPersonComesBackWithTheSameId() {
        // hidden for 12 frames (0.4 s at 30 fps) while walking on; a second, standing person stays in view
        Scene scene = new Scene()
                .add(t -> t >= 20 && t < 32 ? null : Scene.box(100 + 4 * t, 200, 50, 120, 0.9))
                .add(Scene.moving(600, 180, 0, 0, 0, 59));
        ByteTracker tracker = new ByteTracker();
        List<List<Track>> frames = scene.run(tracker, 60);
        assertThat(scene.idSwitches(0)).isZero();
        assertThat(scene.ids(0).subList(32, 60)).containsOnly(1);
        assertThat(scene.coverage(0)).isEqualTo(1.0);
        // while hidden it is not reported, but kept as lost, its box carried on by its velocity
        assertThat(frames.get(25)).extracting(Track::id).containsExactly(2);
    }

    @Test
    void aHiddenPersonIsKeptAsLostWhereTheyAreHeading() {
        ByteTracker tracker = new ByteTracker();
        for (int t = 0; t < 20; t++) {
            tracker.update(List.of(Scene.box(100 + 4 * t, 200, 50, 120, 0.9)));
        }
        for (int t = 20; t < 25; t++) {
            assertThat(tracker.update(List.of())).isEmpty();
        }
        assertThat(tracker.lost()).singleElement().satisfies(lost -> {
            assertThat(lost.id()).isEqualTo(1);
            assertThat(lost.state()).isEqualTo(TrackState.LOST);
            assertThat((double) lost.box().x1()).isCloseTo(100 + 4 * 24, org.assertj.core.api.Assertions.within(2.0));
        });
    }

    @Test
    void lowScoreDetectionsKeepATrackAliveButNoneStartOne() {
        // 40 frames at score 0.3 (a person half hidden): longer than the 30-frame buffer, so only the second
        // association keeps the track; a low-score box alone (the second object) never starts a track
        Scene scene = new Scene()
                .add(t -> Scene.box(100 + 3 * t, 200, 50, 120, t >= 10 && t < 50 ? 0.3 : 0.9))
                .add(t -> Scene.box(600, 200, 50, 120, 0.3));
        List<List<Track>> frames = scene.run(new ByteTracker(), 60);
        assertThat(scene.ids(0)).containsOnly(1);
        assertThat(scene.ids(1)).containsOnly(0);
        assertThat(frames.get(45)).singleElement().satisfies(t -> {
            assertThat(t.state()).isEqualTo(TrackState.TRACKED);
            assertThat(t.score()).isEqualTo(0.3f);
            assertThat(t.hits()).isEqualTo(46);
            assertThat(t.age()).isEqualTo(46);
        });

        // the same person with the detections under 0.1 (noise): lost, removed after the buffer, a new id on return
        Scene noisy = new Scene().add(t -> Scene.box(100 + 3 * t, 200, 50, 120, t >= 10 && t < 50 ? 0.05 : 0.9));
        noisy.run(new ByteTracker(), 60);
        assertThat(noisy.ids(0).subList(10, 50)).containsOnly(0);
        assertThat(noisy.ids(0).get(59)).isEqualTo(2);
    }

    @Test
    void aNewPersonGetsTheNextIdAndAOneFrameFalseAlarmUsesNone() {
        Scene scene = new Scene()
                .add(Scene.moving(100, 200, 2, 0, 0, 39))
                .add(Scene.moving(400, 200, -2, 0, 0, 39))
                .add(t -> t == 10 ? Scene.box(700, 100, 50, 120, 0.95) : null) // a flash in one frame
                .add(Scene.moving(900, 300, -5, 0, 20, 39));
        List<List<Track>> frames = scene.run(new ByteTracker(), 40);
        assertThat(scene.ids(3).get(20)).as("not reported before a second sighting confirms it").isZero();
        assertThat(scene.ids(3).subList(21, 40)).containsOnly(3);
        assertThat(scene.ids(2)).containsOnly(0);
        assertThat(frames.get(39)).extracting(Track::id).containsExactly(1, 2, 3);
        for (int o = 0; o < 4; o++) {
            assertThat(scene.idSwitches(o)).isZero();
        }
    }

    @Test
    void theBufferScalesWithTheFrameRate() {
        assertThat(ByteTracker.Options.defaults().maxTimeLost()).isEqualTo(30);
        assertThat(ByteTracker.Options.defaults().withFrameRate(5).maxTimeLost()).isEqualTo(5);
        assertThat(ByteTracker.Options.defaults().newTrackThresh()).isEqualTo(0.6f);
        // at 5 fps a person hidden for 6 frames (more than 5) is gone, for 5 frames comes back
        for (int gap : new int[] {5, 6}) {
            Scene scene = new Scene().add(t -> t >= 10 && t < 10 + gap ? null : Scene.box(100 + 4 * t, 200, 50, 120, 0.9));
            scene.run(new ByteTracker(ByteTracker.Options.defaults().withFrameRate(5)), 30);
            assertThat(scene.ids(0).get(29)).as("id after a gap of %d frames", gap).isEqualTo(gap == 5 ? 1 : 2);
        }
    }

    @Test
    void boxesThatAreNotPersonShapedAreTrackedButNotReported() {
        ByteTracker tracker = new ByteTracker();
        Detection wide = Scene.box(100, 100, 200, 100, 0.9);
        Detection tiny = Scene.box(400, 100, 10, 15, 0.9);
        for (int t = 0; t < 3; t++) {
            assertThat(tracker.update(List.of(wide, tiny))).isEmpty();
        }
    }

    @Test
    void parametersUseSednasNamesAndBadOnesSayWhatToGive() {
        ByteTracker.Options o = ByteTracker.Options.fromParameters(Map.of("track_thresh", "0.3", "track_buffer", "100",
                "fps", "5"));
        assertThat(o.trackThresh()).isEqualTo(0.3f);
        assertThat(o.maxTimeLost()).isEqualTo(16);
        assertThat(o.matchThresh()).isEqualTo(0.8f);
        assertThatThrownBy(() -> ByteTracker.Options.fromParameters(Map.of("match_thresh", "high")))
                .isInstanceOf(LibException.class).hasMessageContaining("match_thresh").hasMessageContaining("'high'");
        assertThatThrownBy(() -> ByteTracker.Options.defaults().withTrackThresh(1.5f))
                .isInstanceOf(LibException.class).hasMessageContaining("track_thresh is 1.5").hasMessageContaining("fix:");
    }
}
