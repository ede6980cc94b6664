package io.sedna4j.api.v1alpha1;

import io.sedna4j.api.ApiException;
import io.sedna4j.api.schema.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** Every kind of {@code sedna.io/v1alpha1}, with the names Kubernetes and the CLI know it by. */
public enum Kind {
    DATASET("Dataset", "datasets", Dataset::new),
    MODEL("Model", "models", Model::new),
    JOINT_INFERENCE_SERVICE("JointInferenceService", "jointinferenceservices", JointInferenceService::new, "ji"),
    INCREMENTAL_LEARNING_JOB("IncrementalLearningJob", "incrementallearningjobs", IncrementalLearningJob::new, "il"),
    FEDERATED_LEARNING_JOB("FederatedLearningJob", "federatedlearningjobs", FederatedLearningJob::new, "fl"),
    LIFELONG_LEARNING_JOB("LifelongLearningJob", "lifelonglearningjobs", LifelongLearningJob::new, "ll"),
    FEATURE_EXTRACTION_SERVICE("FeatureExtractionService", "featureextractionservices",
            FeatureExtractionService::new, "fe"),
    VIDEO_ANALYTICS_JOB("VideoAnalyticsJob", "videoanalyticsjobs", VideoAnalyticsJob::new, "va"),
    REID_JOB("ReidJob", "reidjobs", ReidJob::new, "reid"),
    OBJECT_SEARCH_SERVICE("ObjectSearchService", "objectsearchservices", ObjectSearchService::new, "objs"),
    OBJECT_TRACKING_SERVICE("ObjectTrackingService", "objecttrackingservices", ObjectTrackingService::new, "objt");

    private final String kindName;
    private final String plural;
    private final Supplier<Resource<?, ?>> factory;
    private final List<String> shortNames;

    Kind(String kindName, String plural, Supplier<Resource<?, ?>> factory, String... shortNames) {
        this.kindName = kindName;
        this.plural = plural;
        this.factory = factory;
        this.shortNames = List.of(shortNames);
    }

    public String kindName() {
        return kindName;
    }

    public String plural() {
        return plural;
    }

    public List<String> shortNames() {
        return shortNames;
    }

    @SuppressWarnings("unchecked")
    public Class<? extends Resource<?, ?>> type() {
        return (Class<? extends Resource<?, ?>>) newResource().getClass();
    }

    public Resource<?, ?> newResource() {
        return factory.get();
    }

    /** The kind whose {@code kind:} field is exactly {@code name}, or {@code null}. */
    public static Kind of(String name) {
        for (Kind k : values()) {
            if (k.kindName.equals(name)) {
                return k;
            }
        }
        return null;
    }

    /**
     * The kind a user means on the command line: its name, plural or short name, in any case
     * ({@code JointInferenceService}, {@code jointinferenceservices}, {@code ji}).
     */
    public static Kind parse(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (Kind k : values()) {
            if (k.kindName.toLowerCase(Locale.ROOT).equals(lower) || k.plural.equals(lower)
                    || k.shortNames.contains(lower)) {
                return k;
            }
        }
        List<String> known = new ArrayList<>();
        for (Kind k : values()) {
            known.add(k.kindName);
            known.add(k.plural);
            known.addAll(k.shortNames);
        }
        throw new ApiException("unknown kind \"" + name + "\"" + Names.didYouMean(name, known)
                + "; kinds are " + names() + " (short names ji, il, fl, ll, fe, va, reid, objs, objt)");
    }

    /** All kind names, comma separated. */
    public static String names() {
        List<String> names = new ArrayList<>();
        for (Kind k : values()) {
            names.add(k.kindName);
        }
        return String.join(", ", names);
    }
}
