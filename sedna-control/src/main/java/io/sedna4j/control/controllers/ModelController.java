package io.sedna4j.control.controllers;

import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.Model;
import io.sedna4j.control.engine.Controller;
import io.sedna4j.control.engine.Observed;
import io.sedna4j.control.engine.Plan;

/**
 * Models have no workers and nothing to reconcile; the controller exists so that a Model's changes reach the
 * resources that refer to it (the engine requeues them) and the jobs that carry it to their nodes.
 */
public final class ModelController implements Controller<Model> {

    @Override
    public Kind kind() {
        return Kind.MODEL;
    }

    @Override
    public Plan reconcile(Model model, Observed observed) {
        return Plan.none();
    }
}
