package io.sedna4j.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.inference.Detection;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The COCO DNNs on the sample video; skipped unless bin/fetch-models has run. */
class CocoDetectorTest {
    @TempDir
    Path dir;

    static void assertPersonShaped(List<Detection> people, Image frame) {
        assertThat(people).allSatisfy(p -> {
            assertThat(p.label()).isEqualTo(CocoLabels.PERSON);
            assertThat(p.x1()).isGreaterThanOrEqualTo(0);
            assertThat(p.x2()).isLessThanOrEqualTo(frame.width());
            assertThat(p.y2()).isLessThanOrEqualTo(frame.height());
            assertThat(p.height()).isGreaterThan(p.width());
        });
    }

    @Test
    void centerNetFindsTheTwoPeopleOnTheCrossing() {
        Path cache = SampleMedia.modelCache(CocoDetector.Kind.CENTERNET);
        try (PersonDetector centerNet = PersonDetector.create("centernet", cache); Image frame = SampleMedia.frame(100)) {
            List<Detection> people = centerNet.detect(frame);
            assertThat(people).hasSizeGreaterThanOrEqualTo(2);
            assertThat(people.get(0).score()).isGreaterThan(0.5f);
            assertPersonShaped(people, frame);
            // two people of about the same size, side by side: boxes some 250-350 px tall in the 1280 px frame
            assertThat(people.subList(0, 2)).allSatisfy(p -> assertThat(p.height()).isBetween(200f, 400f));
            assertThat(Nms.iou(people.get(0), people.get(1))).isLessThan(0.3f);
        }
    }

    @Test
    void nanoDetAgreesWithCenterNetOnWhereThePeopleAre() {
        Path cache = SampleMedia.modelCache(CocoDetector.Kind.NANODET);
        SampleMedia.modelCache(CocoDetector.Kind.CENTERNET);
        try (PersonDetector nanoDet = PersonDetector.create("nanodet", cache);
             PersonDetector centerNet = PersonDetector.create("centernet", cache);
             Image frame = SampleMedia.frame(100)) {
            List<Detection> fromNano = nanoDet.detect(frame);
            List<Detection> fromCenter = centerNet.detect(frame);
            assertThat(fromNano).isNotEmpty();
            assertPersonShaped(fromNano, frame);
            for (Detection n : fromNano.subList(0, Math.min(2, fromNano.size()))) {
                float best = (float) fromCenter.stream().mapToDouble(c -> Nms.iou(c, n)).max().orElse(0);
                assertThat(best).as("overlap of NanoDet's %s with a CenterNet box", n).isGreaterThan(0.5f);
            }
        }
    }

    @Test
    void allClassesAndAThresholdAreHonoured() {
        Path cache = SampleMedia.modelCache(CocoDetector.Kind.CENTERNET);
        try (CocoDetector all = CocoDetector.open(CocoDetector.Kind.CENTERNET, cache,
                CocoDetector.Options.allClasses().withScoreThreshold(0.1f)); Image frame = SampleMedia.frame(100)) {
            List<Detection> found = all.detect(frame);
            assertThat(found).extracting(Detection::label).contains(CocoLabels.PERSON);
            assertThat(found).extracting(Detection::label).anyMatch(l -> l != CocoLabels.PERSON);
            assertThat(found).allSatisfy(d -> assertThat(d.score()).isGreaterThanOrEqualTo(0.1f));
            assertThat(found).isSortedAccordingTo((a, b) -> Float.compare(b.score(), a.score()));
        }
    }

    @Test
    void unfetchedModelAndUnknownNamesSayWhatToDo() {
        assertThatThrownBy(() -> PersonDetector.create("centernet", dir)).isInstanceOf(LibException.class)
                .hasMessageContaining("bin/fetch-models").hasMessageContaining("centernet.json");
        assertThatThrownBy(() -> PersonDetector.create("yolox", dir)).isInstanceOf(LibException.class)
                .hasMessageContaining("[hog, nanodet, centernet]");
        assertThat(PersonDetector.create("HOG", dir).name()).isEqualTo("hog");
    }
}
