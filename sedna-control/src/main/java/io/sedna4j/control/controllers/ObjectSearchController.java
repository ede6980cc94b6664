package io.sedna4j.control.controllers;

import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.ObjectSearchService;
import io.sedna4j.control.engine.Controller;
import io.sedna4j.control.engine.Observed;
import io.sedna4j.control.engine.Plan;
import java.util.List;

/** Object search: a user worker, tracking workers per camera and a pool of ReID workers (see {@link ObjectServices}). */
public final class ObjectSearchController implements Controller<ObjectSearchService> {

    @Override
    public Kind kind() {
        return Kind.OBJECT_SEARCH_SERVICE;
    }

    @Override
    public Plan reconcile(ObjectSearchService svc, Observed observed) {
        return ObjectServices.reconcile(svc, svc.spec.userWorker,
                svc.spec.trackingWorkers == null ? List.of() : svc.spec.trackingWorkers, svc.spec.reidWorkers,
                observed);
    }
}
