package io.sedna4j.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sedna4j.lib.inference.Detection;
import java.util.List;
import org.junit.jupiter.api.Test;

class NmsTest {
    static Detection box(float x1, float y1, float x2, float y2, float score, int label) {
        return new Detection(x1, y1, x2, y2, score, label);
    }

    @Test
    void iouOfHandMadeBoxes() {
        assertThat(Nms.iou(box(0, 0, 10, 10, 1, 0), box(0, 0, 10, 10, 1, 0))).isEqualTo(1f);
        assertThat(Nms.iou(box(0, 0, 10, 10, 1, 0), box(5, 0, 15, 10, 1, 0))).isCloseTo(50f / 150, within(1e-6f));
        assertThat(Nms.iou(box(0, 0, 10, 10, 1, 0), box(10, 0, 20, 10, 1, 0))).isZero();
        assertThat(Nms.iou(box(0, 0, 0, 10, 1, 0), box(0, 0, 0, 10, 1, 0))).isZero();
    }

    @Test
    void overlappingBoxesOfOneClassCollapseToTheBest() {
        Detection best = box(0, 0, 100, 200, 0.9f, 0);
        Detection shifted = box(5, 5, 105, 205, 0.8f, 0);   // IoU 0.86 with best
        Detection apart = box(300, 0, 400, 200, 0.5f, 0);
        Detection backpack = box(2, 2, 100, 200, 0.7f, 24); // overlaps, but another class
        Detection touching = box(50, 0, 150, 200, 0.6f, 0);  // IoU 1/3 with best: kept at 0.5
        List<Detection> kept = Nms.apply(List.of(apart, shifted, backpack, best, touching), 0.5f);
        assertThat(kept).containsExactly(best, backpack, touching, apart);
        assertThat(Nms.apply(List.of(apart, shifted, backpack, best, touching), 0.3f)).containsExactly(best, backpack, apart);
        assertThat(Nms.apply(List.of(apart, shifted, backpack, best, touching), 0.5f, 2)).containsExactly(best, backpack);
        assertThat(Nms.apply(List.of(), 0.5f)).isEmpty();
    }
}
