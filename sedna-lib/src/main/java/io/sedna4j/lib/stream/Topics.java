package io.sedna4j.lib.stream;

/** Sedna's two multi-edge inference topics (reference §5.10). */
public final class Topics {
    /** Video analytics → feature extraction: {@link DetectedObjects}. */
    public static final String OBJECT_DETECTION = "object_detection";
    /** Feature extraction → re-identification: {@link EnrichedObjects}. */
    public static final String ENRICHED_OBJECT = "enriched_object";

    private Topics() {
    }
}
