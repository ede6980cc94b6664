package io.sedna4j.vision.reid;

import io.sedna4j.vision.Frame;
import io.sedna4j.vision.Image;
import io.sedna4j.vision.SampleMedia;
import io.sedna4j.vision.VideoSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ReID sample (test_video.mp4 and the query photos 1.jpg–3.jpg of the person in the denim jacket): from the
 * repository's examples/data/reid-sample, else ${sedna.shared.dir}/data/reid-sample; tests skip when neither is there.
 */
final class ReidSample {
    private ReidSample() {
    }

    static Path dir() {
        return SampleMedia.dir();
    }

    static Path video() {
        return SampleMedia.video();
    }

    /** The three query photos; the caller closes them. */
    static List<Image> queries() {
        List<Image> images = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            images.add(Image.read(dir().resolve(n + ".jpg")));
        }
        return images;
    }

    /** Frame {@code index} of the sample video (decoding from the start). */
    static Image frame(int index) {
        try (VideoSource video = VideoSource.open(video().toString())) {
            for (Frame f : video) {
                if (f.index() == index) {
                    return f.image();
                }
                f.close();
            }
        }
        throw new AssertionError("the sample video has no frame " + index);
    }
}
