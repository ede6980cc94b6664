package io.sedna4j.workers.reid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sedna4j.lib.LibException;
import io.sedna4j.vision.Color;
import io.sedna4j.vision.Image;
import io.sedna4j.vision.PersonDetector;
import io.sedna4j.vision.reid.AppearanceDescriptor;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryImagesTest {
    private static PersonDetector hog;

    @TempDir
    Path dir;

    @BeforeAll
    static void detector() {
        hog = PersonDetector.create("hog", null);
    }

    @AfterAll
    static void close() {
        hog.close();
    }

    @Test
    void queryImagesArePipeSeparatedAndBlanksIgnored() {
        assertThat(QueryImages.parse(" /q/1.jpg| |/q/2.jpg|")).containsExactly(Path.of("/q/1.jpg"), Path.of("/q/2.jpg"));
        assertThatThrownBy(() -> QueryImages.parse(" | ")).isInstanceOf(LibException.class)
                .hasMessageContaining("query_images is empty");
    }

    @Test
    void aBlankQueryImageIsAnErrorThatNamesIt() {
        Path blank = dir.resolve("blank.jpg");
        try (Image image = Image.blank(110, 290, Color.WHITE)) {
            image.write(blank);
        }
        assertThatThrownBy(() -> QueryImages.load(List.of(Sample.queries().get(0), blank), hog,
                new AppearanceDescriptor())).isInstanceOf(LibException.class)
                .hasMessageContaining("query image " + blank.toAbsolutePath() + " shows no person")
                .hasMessageContaining("fix:");
    }

    @Test
    void aMissingQueryImageIsAnErrorThatNamesIt() {
        Path missing = dir.resolve("nobody.jpg");
        assertThatThrownBy(() -> QueryImages.load(List.of(missing), hog, new AppearanceDescriptor()))
                .isInstanceOf(LibException.class).hasMessageContaining("query image " + missing.toAbsolutePath()
                        + " (in query_images) does not exist");
    }

    @Test
    void aCropOfThePersonIsUsedWholeAndALargerPhotoIsCutDownToThePerson() {
        Path file = Sample.queries().get(0);
        try (Image crop = Image.read(file);
             Image whole = QueryImages.person(crop, file, hog);
             Image wide = crop.pad(200, 200, 300, 300, new Color(40, 120, 40));
             Image cut = QueryImages.person(wide, file, hog)) {
            assertThat(whole.width()).isEqualTo(crop.width());
            assertThat(whole.height()).isEqualTo(crop.height());
            assertThat(cut.width()).isLessThan(wide.width() / 2);
            assertThat(cut.height()).as("about the person's height (HOG's boxes are loose)")
                    .isBetween(crop.height() * 8 / 10, crop.height() * 16 / 10);
        }
    }
}
