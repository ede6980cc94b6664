package io.sedna4j.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sedna4j.lib.inference.Detection;
import java.util.List;
import org.junit.jupiter.api.Test;

class HogPersonDetectorTest {

    @Test
    void findsThePersonInAPaddedQueryCrop() {
        HogPersonDetector hog = new HogPersonDetector();
        for (int n : new int[] {1, 3}) {
            try (Image crop = Image.read(SampleMedia.crop(n)); Image padded = crop.pad(40, 40, 60, 60, Color.GREY)) {
                List<Detection> people = hog.detect(padded);
                assertThat(people).as("people in %d.jpg", n).isNotEmpty();
                Detection p = people.get(0);
                assertThat(p.label()).isEqualTo(CocoLabels.PERSON);
                assertThat(p.score()).isBetween(0f, 1f);
                // the box covers the middle of the crop, where the person stands
                float cx = (p.x1() + p.x2()) / 2;
                float cy = (p.y1() + p.y2()) / 2;
                assertThat(cx).isBetween(60f, 60f + crop.width());
                assertThat(cy).isBetween(40f, 40f + crop.height());
                assertThat(p.height()).isGreaterThan(p.width());
            }
        }
    }

    @Test
    void findsNobodyInABlankImage() {
        try (Image blank = Image.blank(640, 480, Color.GREY)) {
            assertThat(new HogPersonDetector().detect(blank)).isEmpty();
        }
    }

    @Test
    void shrinksBigFramesButReportsBoxesInTheFramesPixels() {
        try (Image frame = SampleMedia.frame(100)) {
            List<Detection> people = new HogPersonDetector().detect(frame);
            assertThat(people).allSatisfy(p -> {
                assertThat(p.x2()).isLessThanOrEqualTo(frame.width());
                assertThat(p.y2()).isLessThanOrEqualTo(frame.height());
                assertThat(p.x1()).isGreaterThanOrEqualTo(0);
            });
        }
    }

    @Test
    void svmWeightMapsMonotonicallyOntoZeroToOne() {
        assertThat(HogPersonDetector.score(-1)).isZero();
        assertThat(HogPersonDetector.score(0)).isZero();
        assertThat(HogPersonDetector.score(Math.log(2))).isCloseTo(0.5f, within(1e-6f));
        assertThat(HogPersonDetector.score(3)).isCloseTo(0.95f, within(0.001f));
        assertThat(HogPersonDetector.score(1)).isGreaterThan(HogPersonDetector.score(0.5));
    }
}
