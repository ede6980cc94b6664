package io.sedna4j.workers.reid;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.inference.Detection;
import io.sedna4j.lib.stream.Box;
import io.sedna4j.lib.stream.DetectedObject;
import io.sedna4j.lib.stream.DetectedObjects;
import io.sedna4j.lib.stream.Embedding;
import io.sedna4j.lib.stream.EnrichedObject;
import io.sedna4j.lib.stream.EnrichedObjects;
import io.sedna4j.vision.Image;
import io.sedna4j.vision.JpegCodec;
import io.sedna4j.vision.reid.FeatureExtractor;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An appearance embedding for every person of a frame: {@link DetectedObjects} in, {@link EnrichedObjects} out, the
 * frame image passed through unless {@code keepFrame} is off and the crops kept unless {@code keepCrops} is off. A person whose crop is missing is
 * cut from the frame image; one with neither (or an undecodable crop) is left out of the message, with a warning.
 * The core of {@link FeatureExtractionWorker}.
 */
final class FeatureExtraction {
    private static final Logger log = LoggerFactory.getLogger(FeatureExtraction.class);

    private final FeatureExtractor extractor;
    private final boolean keepCrops;
    private final boolean keepFrame;
    private long leftOut;

    FeatureExtraction(FeatureExtractor extractor, boolean keepCrops) {
        this(extractor, keepCrops, true);
    }

    /** {@code keepCrops} and {@code keepFrame} both off: only embeddings go on (privacy edge-only). */
    FeatureExtraction(FeatureExtractor extractor, boolean keepCrops, boolean keepFrame) {
        this.extractor = extractor;
        this.keepCrops = keepCrops;
        this.keepFrame = keepFrame;
    }

    EnrichedObjects enrich(DetectedObjects detected) {
        List<DetectedObject> kept = new ArrayList<>();
        List<Image> crops = new ArrayList<>();
        Image frame = null;
        try {
            for (DetectedObject o : detected.objects()) {
                Image crop = null;
                try {
                    if (o.hasCrop()) {
                        crop = JpegCodec.decode(o.crop());
                    } else if (detected.frameJpeg() != null) {
                        if (frame == null) {
                            frame = JpegCodec.decode(detected.frameJpeg());
                        }
                        crop = cut(frame, o.box(), detected.frame().width());
                    }
                } catch (LibException e) {
                    crop = null;
                }
                if (crop == null) {
                    if (leftOut++ % 100 == 0) {
                        log.warn("track {} in frame {} of camera {} has no usable crop and no frame to cut it from; "
                                + "left out ({} so far)", o.track(), detected.frame().number(), detected.camera(),
                                leftOut);
                    }
                    continue;
                }
                kept.add(o);
                crops.add(crop);
            }
            List<float[]> features = crops.isEmpty() ? List.of() : extractor.extractAll(crops);
            List<EnrichedObject> objects = new ArrayList<>(kept.size());
            for (int i = 0; i < kept.size(); i++) {
                DetectedObject o = kept.get(i);
                objects.add(new EnrichedObject(o.track(), o.box(), o.score(), keepCrops ? o.crop() : null,
                        new Embedding(extractor.name(), features.get(i))));
            }
            return new EnrichedObjects(detected.frame(), objects, keepFrame ? detected.frameJpeg() : null);
        } finally {
            crops.forEach(Image::close);
            if (frame != null) {
                frame.close();
            }
        }
    }

    /** The box, given in pixels of a frame {@code frameWidth} wide, cut from the (maybe scaled) frame image. */
    static Image cut(Image frame, Box box, int frameWidth) {
        double s = frameWidth > 0 ? (double) frame.width() / frameWidth : 1;
        return frame.crop(new Detection((float) (box.x1() * s), (float) (box.y1() * s), (float) (box.x2() * s),
                (float) (box.y2() * s), 0, 0));
    }
}
