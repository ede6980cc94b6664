package io.sedna4j.control.controllers;

import static io.sedna4j.control.testing.Fixtures.example;
import static io.sedna4j.control.testing.Fixtures.first;
import static io.sedna4j.control.testing.Fixtures.nodes;
import static io.sedna4j.control.testing.Fixtures.observed;
import static org.assertj.core.api.Assertions.assertThat;

import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.api.link.UpstreamMessage;
import io.sedna4j.api.v1alpha1.Dataset;
import io.sedna4j.control.engine.Controller;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetControllerTest {
    private final DatasetController controller = new DatasetController();
    private final Dataset dataset = first(example("incremental-learning"), Dataset.class);

    @Test
    void goesToItsNodeWithoutWorkers() {
        assertThat(controller.reconcile(dataset, observed(List.of(), nodes(), List.of())).workers()).isEmpty();
        assertThat(controller.edgeNodes(dataset, observed(List.of(), nodes(), List.of()))).containsExactly("edge-1");
    }

    @Test
    void theReportedSampleCountBecomesTheStatusAndOnlyAChangeMovesTheTime() {
        var report = new UpstreamMessage(null, null, null,
                ResourceCodec.json().valueToTree(Map.of("ownerInfo", Map.of("numberOfSamples", 640))));

        assertThat(controller.onUpstream(dataset, "edge-1", report, observed(List.of(), nodes(), List.of()))).isTrue();
        assertThat(dataset.status.numberOfSamples).isEqualTo(640);
        assertThat(dataset.status.updateTime).isEqualTo("2026-03-01T12:00:00Z");
        assertThat(controller.onUpstream(dataset, "edge-1", report, observed(List.of(), nodes(), List.of()))).isFalse();
    }

    @Test
    void everyKindHasOneStandardController() {
        assertThat(Controllers.standard()).extracting(Controller::kind)
                .containsExactlyInAnyOrder(io.sedna4j.api.v1alpha1.Kind.values());
    }
}
