package io.sedna4j.control.controllers;

import io.sedna4j.control.engine.Controller;
import java.util.List;

/** The controllers of every Sedna kind, for the reconcile engine. */
public final class Controllers {
    private Controllers() {
    }

    /** One controller per kind of {@code sedna.io/v1alpha1}. */
    public static List<Controller<?>> standard() {
        return List.of(new DatasetController(), new ModelController(), new JointInferenceController(),
                new FeatureExtractionController(), new FederatedLearningController(),
                new IncrementalLearningController(), new LifelongLearningController(), new VideoAnalyticsController(),
                new ReidController(), new ObjectSearchController(), new ObjectTrackingController());
    }
}
