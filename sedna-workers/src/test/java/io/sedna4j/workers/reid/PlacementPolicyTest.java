package io.sedna4j.workers.reid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sedna4j.lib.LibException;
import io.sedna4j.workers.reid.PlacementPolicy.Mode;
import io.sedna4j.workers.reid.PlacementPolicy.Placement;
import org.junit.jupiter.api.Test;

/** At 5 fps a frame may take 200 ms at the edge: above 180 ms it is overloaded, below 120 ms it has room. */
class PlacementPolicyTest {
    private static final PlacementPolicy.Options FIVE_FPS = PlacementPolicy.Options.forFps(5);

    @Test
    void anEdgeWithRoomKeepsExtractingItself() {
        PlacementPolicy p = new PlacementPolicy(Mode.AUTO, false, FIVE_FPS);

        for (int i = 0; i < 100; i++) {
            assertThat(p.next(100, 20, 0)).isEqualTo(Placement.EDGE);
        }
        assertThat(p.switches()).isZero();
    }

    @Test
    void anOverloadedEdgeMovesExtractionToTheCloudAfterTheDwellAndStaysThereWithoutFlapping() {
        PlacementPolicy p = new PlacementPolicy(Mode.AUTO, false, FIVE_FPS);

        int frame = 0;
        while (p.next(120, 100, 0) == Placement.EDGE) {
            frame++;
        }
        assertThat(frame).as("frames before the switch").isEqualTo(FIVE_FPS.dwellFrames() - 1);
        // in the cloud the edge's own stages take 120 ms: with the 100 ms extraction it would be overloaded again,
        // so the 120 ms (between low and high) keep extraction in the cloud
        for (int i = 0; i < 100; i++) {
            assertThat(p.next(120, Double.NaN, 0)).isEqualTo(Placement.CLOUD);
        }
        assertThat(p.switches()).isEqualTo(1);
    }

    @Test
    void extractionComesBackWhenTheEdgeHasRoomAgainOrTheCloudPathLags() {
        PlacementPolicy p = new PlacementPolicy(Mode.AUTO, false, FIVE_FPS);
        for (int i = 0; i < 20; i++) {
            p.next(150, 60, 0);
        }
        assertThat(p.current()).isEqualTo(Placement.CLOUD);

        // the edge gets lighter (fewer people, a smaller detector): 40 + 60 < 120 ms
        for (int i = 0; i < 30 && p.current() == Placement.CLOUD; i++) {
            p.next(40, Double.NaN, 0);
        }
        assertThat(p.current()).isEqualTo(Placement.EDGE);

        PlacementPolicy lagging = new PlacementPolicy(Mode.AUTO, false, FIVE_FPS);
        for (int i = 0; i < 20; i++) {
            lagging.next(100, 90, 0);
        }
        assertThat(lagging.current()).isEqualTo(Placement.CLOUD);
        for (int i = 0; i < 20; i++) {
            lagging.next(60, Double.NaN, 0); // 60 + 90 = 150 ms: no room by itself ...
        }
        assertThat(lagging.current()).isEqualTo(Placement.CLOUD);
        for (int i = 0; i < 20; i++) {
            lagging.next(60, Double.NaN, 12); // ... but the cloud path lags, and the edge can keep up
        }
        assertThat(lagging.current()).isEqualTo(Placement.EDGE);
    }

    @Test
    void anOverloadedEdgeKeepsExtractingWhenTheCloudPathLagsToo() {
        PlacementPolicy p = new PlacementPolicy(Mode.AUTO, false, FIVE_FPS);

        for (int i = 0; i < 50; i++) {
            p.next(150, 80, 20);
        }
        assertThat(p.current()).isEqualTo(Placement.EDGE);
    }

    @Test
    void privacyEdgeOnlyAndStaticPlacementsNeverSwitch() {
        PlacementPolicy privacy = new PlacementPolicy(Mode.AUTO, true, FIVE_FPS);
        PlacementPolicy cloud = new PlacementPolicy(Mode.CLOUD, false, FIVE_FPS);
        PlacementPolicy edge = new PlacementPolicy(Mode.EDGE, false, FIVE_FPS);

        for (int i = 0; i < 50; i++) {
            privacy.next(300, 200, 0);
            edge.next(300, 200, 0);
            cloud.next(10, Double.NaN, 50);
        }
        assertThat(privacy.current()).isEqualTo(Placement.EDGE);
        assertThat(edge.current()).isEqualTo(Placement.EDGE);
        assertThat(cloud.current()).isEqualTo(Placement.CLOUD);
        assertThat(privacy.switches() + edge.switches() + cloud.switches()).isZero();
    }

    @Test
    void badSettingsAreRefusedWithTheFix() {
        assertThatThrownBy(() -> new PlacementPolicy(Mode.CLOUD, true, FIVE_FPS)).isInstanceOf(LibException.class)
                .hasMessageContaining("privacy edge-only forbids").hasMessageContaining("fix: set feature_extraction");
        assertThatThrownBy(() -> Mode.parse("fog")).isInstanceOf(LibException.class)
                .hasMessageContaining("feature_extraction=\"fog\"").hasMessageContaining("auto");
        assertThat(Mode.parse(" Cloud ")).isEqualTo(Mode.CLOUD);
    }
}
