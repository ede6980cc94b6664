package io.sedna4j.vision;

import static org.assertj.core.api.Assertions.assertThat;

import io.sedna4j.lib.inference.Detection;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrawingTest {

    static int[] bgrAt(Image img, int x, int y) {
        byte[] b = img.toBgr();
        int i = (y * img.width() + x) * 3;
        return new int[] {b[i] & 0xff, b[i + 1] & 0xff, b[i + 2] & 0xff};
    }

    @Test
    void drawsBoxesInTheLabelsColourWithATextLabelAbove() {
        try (Image img = Image.blank(400, 300, Color.WHITE)) {
            Detection person = new Detection(100, 100, 200, 250, 0.87f, CocoLabels.PERSON);
            Drawing.detections(img, List.of(person), CocoLabels::name);
            Color c = Color.forIndex(CocoLabels.PERSON);
            assertThat(bgrAt(img, 150, 250)).containsExactly(c.b(), c.g(), c.r()); // bottom edge
            assertThat(bgrAt(img, 150, 175)).containsExactly(255, 255, 255);       // inside stays untouched
            // the label sits just above the box: some of its pixels are not white
            boolean labelled = false;
            for (int x = 100; x < 200 && !labelled; x++) {
                labelled = bgrAt(img, x, 90)[0] != 255 || bgrAt(img, x, 90)[2] != 255;
            }
            assertThat(labelled).isTrue();
        }
    }

    @Test
    void labelsAtTheEdgeStayInsideTheImage() {
        try (Image img = Image.blank(120, 40, Color.BLACK)) {
            Drawing.label(img, "a rather long label", 110, -20, Color.YELLOW);
            assertThat(bgrAt(img, 1, 1)).containsExactly(Color.YELLOW.b(), Color.YELLOW.g(), Color.YELLOW.r());
        }
    }

    @Test
    void paletteColoursDiffer() {
        assertThat(Color.forIndex(0)).isNotEqualTo(Color.forIndex(1));
        assertThat(Color.forIndex(-3)).isEqualTo(Color.forIndex(357));
        assertThat(Color.YELLOW.contrasting()).isEqualTo(Color.BLACK);
        assertThat(Color.BLUE.contrasting()).isEqualTo(Color.WHITE);
    }
}
