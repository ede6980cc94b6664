package io.sedna4j.gm.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.Model;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.control.ControlException;
import io.sedna4j.control.Subscription;
import io.sedna4j.control.store.WatchEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteResourceStoreTest {
    @TempDir
    Path dir;

    private static Model model(String namespace, String name, String url) {
        Model m = new Model();
        m.metadata.name = name;
        m.metadata.namespace = namespace;
        m.spec = new Model.Spec();
        m.spec.url = url;
        m.spec.format = "onnx";
        return m;
    }

    @Test
    void createSetsServerFieldsAndDropsStatus() {
        try (Database db = Database.open(dir.resolve("gm.db"))) {
            SqliteResourceStore store = new SqliteResourceStore(db);
            Model m = model(null, "m1", "a.onnx");
            m.status = new Model.Status();
            m.status.updateTime = "2020-01-01T00:00:00Z";
            Resource<?, ?> created = store.create(m);
            assertThat(created.metadata.namespace).isEqualTo("default");
            assertThat(created.metadata.uid).isNotBlank();
            assertThat(created.metadata.resourceVersion).isEqualTo("1");
            assertThat(created.metadata.generation).isEqualTo(1L);
            assertThat(created.metadata.creationTimestamp).endsWith("Z");
            assertThat(created.status).isNull();
            assertThatThrownBy(() -> store.create(model("default", "m1", "b.onnx")))
                    .isInstanceOfSatisfying(ControlException.class,
                            e -> assertThat(e.reason()).isEqualTo(ControlException.Reason.ALREADY_EXISTS))
                    .hasMessageContaining("Model default/m1 already exists").hasMessageContaining("fix:");
        }
    }

    @Test
    void staleResourceVersionConflictsAndGenerationCountsSpecChangesOnly() {
        try (Database db = Database.open(dir.resolve("gm.db"))) {
            SqliteResourceStore store = new SqliteResourceStore(db);
            Model v1 = (Model) store.create(model("default", "m", "a.onnx"));

            Model labelled = (Model) store.get(Kind.MODEL, "default", "m").orElseThrow();
            labelled.metadata.labels().put("team", "edge");
            Model v2 = (Model) store.update(labelled);
            assertThat(v2.metadata.generation).as("a label is not a spec change").isEqualTo(1L);
            assertThat(Long.parseLong(v2.metadata.resourceVersion)).isGreaterThan(Long.parseLong(v1.metadata.resourceVersion));

            v1.spec.url = "b.onnx"; // written from the stale first version
            assertThatThrownBy(() -> store.update(v1)).isInstanceOfSatisfying(ControlException.class,
                    e -> assertThat(e.reason()).isEqualTo(ControlException.Reason.CONFLICT))
                    .hasMessageContaining("the object has been modified");

            v2.spec.url = "b.onnx";
            Model v3 = (Model) store.update(v2);
            assertThat(v3.metadata.generation).isEqualTo(2L);
            assertThat(v3.metadata.labels).containsEntry("team", "edge");
            assertThat(v3.metadata.uid).isEqualTo(v1.metadata.uid);

            v3.status = new Model.Status();
            v3.status.updateTime = "2026-01-01T00:00:00Z";
            Model v4 = (Model) store.updateStatus(v3);
            assertThat(v4.metadata.generation).as("status is not spec").isEqualTo(2L);
            assertThat(v4.status.updateTime).isEqualTo("2026-01-01T00:00:00Z");

            Model noVersion = (Model) store.get(Kind.MODEL, "default", "m").orElseThrow();
            noVersion.metadata.resourceVersion = null;
            noVersion.spec.url = "c.onnx";
            noVersion.status = null; // update keeps status whatever the caller sends
            Model v5 = (Model) store.update(noVersion);
            assertThat(v5.spec.url).isEqualTo("c.onnx");
            assertThat(v5.status.updateTime).isEqualTo("2026-01-01T00:00:00Z");
        }
    }

    @Test
    void unchangedWriteKeepsItsVersionAndMakesNoEvent() throws Exception {
        try (Database db = Database.open(dir.resolve("gm.db"))) {
            SqliteResourceStore store = new SqliteResourceStore(db);
            Resource<?, ?> created = store.create(model("default", "m", "a.onnx"));
            BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();
            try (Subscription ignored = store.watch(events::add)) {
                Resource<?, ?> same = store.update(store.get(Kind.MODEL, "default", "m").orElseThrow());
                assertThat(same.metadata.resourceVersion).isEqualTo(created.metadata.resourceVersion);
                assertThat(events.poll(200, TimeUnit.MILLISECONDS)).isNull();
            }
        }
    }

    @Test
    void watchDeliversEveryChangeInOrderOnItsOwnThread() throws Exception {
        try (Database db = Database.open(dir.resolve("gm.db"))) {
            SqliteResourceStore store = new SqliteResourceStore(db);
            List<String> seen = new CopyOnWriteArrayList<>();
            List<String> threads = new CopyOnWriteArrayList<>();
            try (Subscription ignored = store.watch(e -> {
                seen.add(e.type() + " " + e.resource().metadata.name + " " + e.resource().metadata.resourceVersion);
                threads.add(Thread.currentThread().getName());
            })) {
                for (int i = 0; i < 20; i++) {
                    store.create(model("default", "m" + i, "a.onnx"));
                }
                store.delete(Kind.MODEL, "default", "m3");
                long deadline = System.currentTimeMillis() + 5000;
                while (seen.size() < 21 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(10);
                }
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                expected.add("ADDED m" + i + " " + (i + 1));
            }
            expected.add("DELETED m3 21");
            assertThat(seen).containsExactlyElementsOf(expected);
            assertThat(threads).allMatch(t -> t.startsWith("store-watch-")).doesNotContain(Thread.currentThread().getName());
        }
    }

    @Test
    void restWatchResumesFromAVersionAndIsGoneWhenTheHistoryNoLongerHasIt() {
        try (Database db = Database.open(dir.resolve("gm.db"))) {
            SqliteResourceStore store = new SqliteResourceStore(db, 5);
            for (int i = 1; i <= 8; i++) {
                store.create(model("default", "m" + i, "a.onnx"));
            }
            List<Change> resumed = new ArrayList<>();
            store.watch(Kind.MODEL, "default", "5", c -> true, resumed::add).close();
            assertThat(resumed).extracting(Change::name).containsExactly("m6", "m7", "m8");

            assertThatThrownBy(() -> store.watch(Kind.MODEL, null, "2", c -> true, c -> { }))
                    .isInstanceOf(ExpiredException.class).hasMessageContaining("too old resource version: 2");

            List<Change> initial = new ArrayList<>();
            store.watch(Kind.MODEL, "default", null, c -> true, initial::add).close();
            assertThat(initial).hasSize(8).allMatch(c -> c.type() == WatchEvent.Type.ADDED);
        }
    }

    @Test
    void aRestartOnTheSameFileLosesNothing() {
        Path file = dir.resolve("gm").resolve("gm.db");
        String uid;
        try (Database db = Database.open(file)) {
            SqliteResourceStore store = new SqliteResourceStore(db);
            uid = store.create(model("b", "m2", "a.onnx")).metadata.uid;
            store.create(model("a", "m1", "a.onnx"));
            Model gone = (Model) store.create(model("a", "gone", "a.onnx"));
            store.delete(Kind.MODEL, "a", gone.metadata.name);
            Model m = (Model) store.get(Kind.MODEL, "b", "m2").orElseThrow();
            m.status = new Model.Status();
            m.status.metrics = List.of();
            store.updateStatus(m);
        }
        try (Database db = Database.open(file)) {
            SqliteResourceStore store = new SqliteResourceStore(db);
            assertThat(store.list(Kind.MODEL, null)).extracting(r -> r.metadata.namespace + "/" + r.metadata.name)
                    .containsExactly("a/m1", "b/m2");
            Model m2 = (Model) store.get(Kind.MODEL, "b", "m2").orElseThrow();
            assertThat(m2.metadata.uid).isEqualTo(uid);
            assertThat(m2.status).isNotNull();
            assertThat(store.resourceVersion()).isEqualTo(5);
            assertThat(store.create(model("a", "m3", "a.onnx")).metadata.resourceVersion)
                    .as("versions go on after a restart").isEqualTo("6");
            assertThat(store.get(Kind.MODEL, "a", "gone")).isEmpty();
            assertThat(store.list(Kind.DATASET, null)).isEmpty();
            assertThat(Map.of("ns", store.list(Kind.MODEL, "a").size())).containsEntry("ns", 2);
        }
    }
}
