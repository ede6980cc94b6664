package io.sedna4j.control.controllers;

import io.sedna4j.api.k8s.PodTemplateSpec;
import io.sedna4j.api.link.WorkerSpec;
import io.sedna4j.api.v1alpha1.Dataset;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.Model;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.control.engine.Observed;
import io.sedna4j.control.engine.Plan;
import io.sedna4j.control.node.Node;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One reconcile's worker plan in the making: looks up referred Models and Datasets and places workers, and keeps the
 * first reason it cannot go on. A blocked plan has no workers and asks for another look in {@link #RETRY}.
 */
final class Planner {
    /** How soon a blocked resource is looked at again (node and referred resource events also wake it). */
    static final Duration RETRY = Duration.ofSeconds(10);

    private final Resource<?, ?> resource;
    private final Observed observed;
    private final List<WorkerSpec> workers = new ArrayList<>();
    private final Set<String> notes = new LinkedHashSet<>();
    private Blocker blocker;

    Planner(Resource<?, ?> resource, Observed observed) {
        this.resource = resource;
        this.observed = observed;
    }

    /** The Model named at {@code field}, or null (and blocked with ModelNotFound). */
    Model model(String name, String field) {
        return lookup(Kind.MODEL, Model.class, name, field, Blocker.MODEL_NOT_FOUND);
    }

    /** The Dataset named at {@code field}, or null (and blocked with DatasetNotFound). */
    Dataset dataset(String name, String field) {
        return lookup(Kind.DATASET, Dataset.class, name, field, Blocker.DATASET_NOT_FOUND);
    }

    private <T> T lookup(Kind kind, Class<T> type, String name, String field, String reason) {
        String namespace = resource.metadata.namespaceOrDefault();
        var found = name == null ? java.util.Optional.<Resource<?, ?>>empty()
                : observed.references().get(kind, namespace, name);
        if (found.isPresent() && type.isInstance(found.get())) {
            return type.cast(found.get());
        }
        block(new Blocker(reason, kind.kindName() + " \"" + name + "\" (" + field + ") does not exist in namespace \""
                + namespace + "\"; fix: create it (sedna apply -f FILE) or correct the name"));
        return null;
    }

    /** The node of one worker, or null (and blocked). */
    Node place(String name, PodTemplateSpec template, Placement.Side side, String field) {
        List<Node> nodes = place(List.of(name), template, side, field);
        return nodes.isEmpty() ? null : nodes.get(0);
    }

    /** The node of each worker named, or an empty list (and blocked). */
    List<Node> place(List<String> names, PodTemplateSpec template, Placement.Side side, String field) {
        Placement.Result r = Placement.place(names, template, side, field, observed);
        if (r.blocker() != null) {
            block(r.blocker());
            return List.of();
        }
        notes.addAll(r.notes());
        return r.nodes();
    }

    void add(WorkerSpec worker) {
        workers.add(worker);
    }

    boolean blocked() {
        return blocker != null;
    }

    Blocker blocker() {
        return blocker;
    }

    void block(Blocker b) {
        if (blocker == null) {
            blocker = b;
        }
    }

    /** The planned workers; none while blocked. */
    List<WorkerSpec> workers() {
        return blocked() ? List.of() : List.copyOf(workers);
    }

    /** Remarks about the chosen nodes (not ready), for status messages. */
    List<String> notes() {
        return List.copyOf(notes);
    }

    Plan plan() {
        return blocked() ? new Plan(List.of(), RETRY) : Plan.of(workers());
    }
}
