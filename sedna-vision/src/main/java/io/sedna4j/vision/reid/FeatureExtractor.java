package io.sedna4j.vision.reid;

import io.sedna4j.vision.Image;
import java.util.ArrayList;
import java.util.List;

/**
 * An appearance embedding of a person crop for re-identification: an L2-normalised vector, so the cosine similarity
 * of two crops is the dot product of their features ({@link Features#cosine}).
 */
public interface FeatureExtractor extends AutoCloseable {
    /** The feature of one person crop (any size; BGR as {@link Image} holds it), of length {@link #dimension()}. */
    float[] extract(Image crop);

    /** Features of several crops, in order; extractors that batch (ONNX models) override it. */
    default List<float[]> extractAll(List<Image> crops) {
        List<float[]> out = new ArrayList<>(crops.size());
        for (Image crop : crops) {
            out.add(extract(crop));
        }
        return out;
    }

    int dimension();

    /** What produced the features, e.g. {@code appearance} or {@code onnx:osnet_x0_25.onnx}. */
    String name();

    /**
     * The cosine similarity at which two crops are probably the same person, for this extractor's features: the
     * default of {@link Matcher.Options#matchThresh()}. Similarities of different extractors are not on one scale.
     */
    double matchThreshold();

    @Override
    default void close() {
    }
}
