package io.sedna4j.vision;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.inference.Detection;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Finds people in an image: boxes in the image's pixels, label 0 (COCO's person), score 0..1, best first.
 * Workers pick one by name: {@code hog} (OpenCV, no model, cheapest: the edge), {@code nanodet} or
 * {@code centernet} (COCO DNNs from {@code bin/fetch-models}).
 */
public interface PersonDetector extends AutoCloseable {
    /** The names {@link #create} knows. */
    List<String> NAMES = List.of("hog", "nanodet", "centernet");

    List<Detection> detect(Image image);

    /** The name it was created under. */
    String name();

    @Override
    default void close() {
    }

    /**
     * A detector with its defaults: {@code hog}, or {@code nanodet}/{@code centernet} loaded from
     * {@code modelCache} (the directory bin/fetch-models fills, {@code $SEDNA_MODEL_CACHE}).
     */
    static PersonDetector create(String name, Path modelCache) {
        return switch (name.toLowerCase(Locale.ROOT).trim()) {
            case "hog" -> new HogPersonDetector();
            case "centernet" -> CocoDetector.open(CocoDetector.Kind.CENTERNET, modelCache, CocoDetector.Options.persons());
            case "nanodet" -> CocoDetector.open(CocoDetector.Kind.NANODET, modelCache, CocoDetector.Options.persons());
            default -> throw new LibException("unknown person detector '" + name + "'; fix: use one of " + NAMES);
        };
    }
}
