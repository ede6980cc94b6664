package io.sedna4j.control.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import io.sedna4j.api.link.UpstreamMessage;
import io.sedna4j.api.v1alpha1.Dataset;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.control.engine.Controller;
import io.sedna4j.control.engine.Observed;
import io.sedna4j.control.engine.Plan;
import java.util.Objects;
import java.util.Set;

/**
 * Datasets have no workers: the Local Controller of {@code spec.nodeName} watches the index file and reports the
 * number of samples, which becomes {@code status.numberOfSamples}.
 */
public final class DatasetController implements Controller<Dataset> {

    @Override
    public Kind kind() {
        return Kind.DATASET;
    }

    @Override
    public Plan reconcile(Dataset dataset, Observed observed) {
        return Plan.none();
    }

    @Override
    public Set<String> edgeNodes(Dataset dataset, Observed observed) {
        String node = dataset.spec == null ? null : dataset.spec.nodeName;
        return node == null || node.isEmpty() ? Set.of() : Set.of(node);
    }

    /** {@code {"numberOfSamples": N}} (read as ownerInfo); updateTime moves only when the count does. */
    @Override
    public boolean onUpstream(Dataset dataset, String node, UpstreamMessage message, Observed observed) {
        JsonNode n = Reports.ownerInfo(message).path("numberOfSamples");
        if (!n.canConvertToInt()) {
            return false;
        }
        Dataset.Status status = dataset.status == null ? new Dataset.Status() : dataset.status;
        dataset.status = status;
        if (Objects.equals(status.numberOfSamples, n.asInt())) {
            return false;
        }
        status.numberOfSamples = n.asInt();
        status.updateTime = Conditions.time(observed.now());
        return true;
    }
}
