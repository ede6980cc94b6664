package io.sedna4j.control.controllers;

import io.sedna4j.control.engine.Controller;
import java.util.List;

/** The controllers of every Sedna kind, for the reconcile engine. */
public final class Controllers {
    private Controllers() {
    }

    /** One controller per kind of {@code sedna.io/v1alpha1}, with no broker for multi-edge inference. */
    public static List<Controller<?>> standard() {
        return standard(Streaming.NONE);
    }

    /** One controller per kind, multi-edge inference workers pointed at {@code streaming}'s broker. */
    public static List<Controller<?>> standard(Streaming streaming) {
        return List.of(new DatasetController(), new ModelController(), new JointInferenceController(),
                new FeatureExtractionController(streaming), new FederatedLearningController(),
                new IncrementalLearningController(), new LifelongLearningController(),
                new VideoAnalyticsController(streaming), new ReidController(streaming), new ObjectSearchController(),
                new ObjectTrackingController());
    }
}
