package io.sedna4j.control.controllers;

import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.ObjectTrackingService;
import io.sedna4j.control.engine.Controller;
import io.sedna4j.control.engine.Observed;
import io.sedna4j.control.engine.Plan;
import java.util.List;

/**
 * Object tracking: tracking workers per camera and a pool of ReID workers (see {@link ObjectServices}). Sedna has the
 * kind but no controller for it.
 */
public final class ObjectTrackingController implements Controller<ObjectTrackingService> {

    @Override
    public Kind kind() {
        return Kind.OBJECT_TRACKING_SERVICE;
    }

    @Override
    public Plan reconcile(ObjectTrackingService svc, Observed observed) {
        return ObjectServices.reconcile(svc, null,
                svc.spec.trackingWorkers == null ? List.of() : svc.spec.trackingWorkers, svc.spec.reidWorkers,
                observed);
    }
}
