package io.sedna4j.vision.reid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sedna4j.lib.LibException;
import io.sedna4j.vision.Color;
import io.sedna4j.vision.Image;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AppearanceDescriptorTest {
    /*
     * Frame 96 of the sample video, both people in view. The boxes are what HogPersonDetector (default options) finds
     * there: the right one is the person in the denim jacket (the person of the query photos), the left one the
     * person in the white shirt and light trousers, whose box also takes in an edge of the denim jacket.
     */
    private static final int FRAME = 96;
    private static final int[] QUERY_PERSON = {280, 558, 484, 966};
    private static final int[] OTHER_PERSON = {184, 578, 366, 940};

    private static final AppearanceDescriptor DESCRIPTOR = new AppearanceDescriptor();
    private static List<Image> queries;
    private static Image frame;

    @BeforeAll
    static void load() {
        queries = ReidSample.queries();
        frame = ReidSample.frame(FRAME);
    }

    @AfterAll
    static void free() {
        queries.forEach(Image::close);
        frame.close();
    }

    private static float[] feature(int[] box) {
        try (Image crop = frame.crop(box[0], box[1], box[2] - box[0], box[3] - box[1])) {
            return DESCRIPTOR.extract(crop);
        }
    }

    @Test
    void theQueryPhotosAreCloserToEachOtherThanToTheOtherPerson() {
        float[] q1 = DESCRIPTOR.extract(queries.get(0));
        float[] q2 = DESCRIPTOR.extract(queries.get(1));
        float[] q3 = DESCRIPTOR.extract(queries.get(2));
        float[] other = feature(OTHER_PERSON);
        float[] same = feature(QUERY_PERSON);
        double otherScore = Features.cosine(q1, other);
        assertThat(Features.cosine(q1, q2)).isGreaterThan(otherScore + 0.2);
        assertThat(Features.cosine(q1, q3)).isGreaterThan(otherScore + 0.2);
        // the query person's own detection in the video (a looser box, other light) is still far closer
        assertThat(Features.cosine(q1, same)).isGreaterThan(otherScore + 0.15);
        assertThat(Features.cosine(q1, same)).isGreaterThan(DESCRIPTOR.matchThreshold());
        assertThat(otherScore).isLessThan(DESCRIPTOR.matchThreshold());
    }

    @Test
    void aCropIsMoreSimilarToItselfThanToAnotherAndExtractionIsDeterministic() {
        float[] a = feature(QUERY_PERSON);
        float[] again = feature(QUERY_PERSON);
        float[] b = feature(OTHER_PERSON);
        assertThat(again).containsExactly(a);
        assertThat(Features.cosine(a, a)).isCloseTo(1.0, within(1e-5));
        // the two share the frame's background and light, and the other box an edge of the jacket: 0.82 measured
        assertThat(Features.cosine(a, b)).isLessThan(0.9);
    }

    @Test
    void theFeatureIsAUnitVectorOfTheStatedDimension() {
        float[] f = DESCRIPTOR.extract(queries.get(0));
        assertThat(DESCRIPTOR.dimension()).isEqualTo(8 * (16 + 6 + 8));
        assertThat(f).hasSize(DESCRIPTOR.dimension());
        assertThat(Features.cosine(f, f)).isCloseTo(1.0, within(1e-5));
        assertThat(DESCRIPTOR.name()).isEqualTo("appearance");
    }

    @Test
    void whiteGreyAndBlackClothesAreToldApartAndSoAreRedAndBlue() {
        Color[] colours = {Color.WHITE, Color.GREY, Color.BLACK, new Color(200, 40, 40), new Color(40, 40, 200)};
        float[][] f = new float[colours.length][];
        for (int i = 0; i < colours.length; i++) {
            try (Image plain = Image.blank(60, 150, colours[i])) {
                f[i] = DESCRIPTOR.extract(plain);
            }
        }
        for (int i = 0; i < colours.length; i++) {
            for (int j = i + 1; j < colours.length; j++) {
                assertThat(Features.cosine(f[i], f[j])).as("%s vs %s", colours[i], colours[j]).isLessThan(0.3);
            }
        }
    }

    @Test
    void aBoxShiftedByHalfAStripeStillMatches() {
        // a red top over blue trousers; the second box starts 16 px (half a stripe at 256 px) lower
        try (Image top = Image.blank(80, 100, new Color(180, 30, 30));
             Image person = top.pad(0, 100, 0, 0, new Color(30, 50, 160));
             Image shifted = person.crop(0, 16, 80, 184).pad(0, 16, 0, 0, new Color(30, 50, 160));
             Image swapped = Image.blank(80, 100, new Color(30, 50, 160)).pad(0, 100, 0, 0, new Color(180, 30, 30))) {
            float[] f = DESCRIPTOR.extract(person);
            assertThat(Features.cosine(f, DESCRIPTOR.extract(shifted))).isGreaterThan(0.85);
            assertThat(Features.cosine(f, DESCRIPTOR.extract(swapped))).isLessThan(0.3); // colours in the wrong places
        }
    }

    @Test
    void badOptionsSayWhereToStart() {
        assertThatThrownBy(() -> new AppearanceDescriptor.Options(128, 256, 0, 16, 6, 8, 0.2, 1, 0.25, 0.75))
                .isInstanceOf(LibException.class).hasMessageContaining("Options.defaults()");
    }
}
