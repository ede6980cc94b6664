package io.sedna4j.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sedna4j.api.Manifest;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.Model;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.control.ControlException;
import io.sedna4j.control.store.WatchEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CustomResourceStoreTest {
    private final MockCluster cluster = new MockCluster();
    private final CustomResourceStore store = new CustomResourceStore(cluster.client, null);

    @AfterEach
    void close() {
        store.close();
        cluster.close();
    }

    private static Resource<?, ?> model(String name) {
        return Manifest.parse("model.yaml", """
                apiVersion: sedna.io/v1alpha1
                kind: Model
                metadata:
                  name: %s
                spec:
                  url: /models/little.onnx
                  format: onnx
                """.formatted(name)).resourcesOrThrow().get(0);
    }

    @Test
    void createsCustomResourcesThatKubernetesClientsSeeAndReadsThemBackThroughTheInformer() {
        Resource<?, ?> created = store.create(model("little"));

        assertThat(created.metadata.uid).isNotBlank();
        assertThat(created.metadata.namespace).isEqualTo("default");
        var raw = cluster.client.genericKubernetesResources(CustomResources.context(Kind.MODEL))
                .inNamespace("default").withName("little").get();
        assertThat(raw.get("spec", "url").toString()).isEqualTo("/models/little.onnx");
        Await.until(() -> store.get(Kind.MODEL, "default", "little").isPresent());
        assertThat(((Model) store.get(Kind.MODEL, "default", "little").orElseThrow()).spec.format).isEqualTo("onnx");
        assertThat(store.list(Kind.MODEL, null)).extracting(r -> r.metadata.name).containsExactly("little");
        assertThatThrownBy(() -> store.create(model("little"))).isInstanceOf(ControlException.class)
                .extracting(e -> ((ControlException) e).reason()).isEqualTo(ControlException.Reason.ALREADY_EXISTS);
    }

    @Test
    void writesStatusThroughTheStatusSubresourceAndRefusesAStaleVersion() {
        Resource<?, ?> created = store.create(model("little"));
        Model withStatus = (Model) created;
        withStatus.status = new io.sedna4j.api.v1alpha1.Model.Status();
        withStatus.status.updateTime = "2026-11-26T10:00:00Z";

        Resource<?, ?> written = store.updateStatus(withStatus);

        assertThat(((Model) written).status.updateTime).isEqualTo("2026-11-26T10:00:00Z");
        var raw = cluster.client.genericKubernetesResources(CustomResources.context(Kind.MODEL))
                .inNamespace("default").withName("little").get();
        assertThat(raw.get("status", "updateTime").toString()).isEqualTo("2026-11-26T10:00:00Z");
        // the version it was read at is gone: a second writer from that version loses
        Model stale = (Model) created;
        stale.spec.format = "pb";
        assertThatThrownBy(() -> store.update(stale)).isInstanceOf(ControlException.class)
                .extracting(e -> ((ControlException) e).reason()).isEqualTo(ControlException.Reason.CONFLICT);
    }

    @Test
    void watchReportsAddedModifiedAndDeletedInOrder() {
        List<WatchEvent> events = new CopyOnWriteArrayList<>();
        store.watch(events::add);
        Resource<?, ?> created = store.create(model("little"));
        ((Model) created).spec.url = "/models/bigger.onnx";
        created.metadata.resourceVersion = null; // no version: this write wins
        store.update(created);
        Await.until(() -> events.size() >= 2);
        assertThat(store.delete(Kind.MODEL, "default", "little")).isPresent();

        Await.until(() -> events.size() >= 3);
        assertThat(events).extracting(WatchEvent::type).containsExactly(WatchEvent.Type.ADDED,
                WatchEvent.Type.MODIFIED, WatchEvent.Type.DELETED);
        assertThat(((Model) events.get(1).resource()).spec.url).isEqualTo("/models/bigger.onnx");
        assertThat(store.delete(Kind.MODEL, "default", "little")).isEmpty();
    }
}
