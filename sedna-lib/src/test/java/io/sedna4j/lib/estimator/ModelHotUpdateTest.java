package io.sedna4j.lib.estimator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sedna4j.lib.FunctionEstimator;
import io.sedna4j.lib.LibException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelHotUpdateTest {
    @TempDir
    Path dir;

    private final List<ScaleModel> made = new CopyOnWriteArrayList<>();

    /** A model file holds a factor; predict multiplies by it. Using it after close fails loudly. */
    final class ScaleModel extends FunctionEstimator<Double, Double> {
        volatile double factor;
        final AtomicBoolean closed = new AtomicBoolean();

        ScaleModel() {
            super(null);
            made.add(this);
        }

        @Override
        public void load(Path model) {
            try {
                factor = Double.parseDouble(Files.readString(model).trim());
            } catch (java.io.IOException | NumberFormatException e) {
                throw new LibException("bad model " + model + ": " + e.getMessage());
            }
        }

        @Override
        public Double predict(Double x) {
            if (closed.get()) {
                throw new IllegalStateException("predict on a closed model");
            }
            Thread.onSpinWait();
            double r = x * factor;
            if (closed.get()) {
                throw new IllegalStateException("model closed during predict");
            }
            return r;
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    private int tick;

    private void write(Path file, String content) throws Exception {
        Files.writeString(file, content);
        // distinct modification times even within one clock tick
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000L + 1000L * ++tick));
    }

    @Test
    void swapsUnderConcurrentPredictionsWithoutOneFailing() throws Exception {
        Path model = dir.resolve("model.txt");
        write(model, "1");
        try (ModelHotUpdate<Double, Double> hot = ModelHotUpdate.<Double, Double>builder(ScaleModel::new)
                .watchModel(model).period(null).build()) {
            AtomicBoolean stop = new AtomicBoolean();
            Set<Double> seen = ConcurrentHashMap.newKeySet();
            AtomicInteger predictions = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                clients.add(pool.submit(() -> {
                    Estimator<Double, Double> view = hot.estimator();
                    while (!stop.get()) {
                        seen.add(view.predict(2.0));
                        predictions.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (int v = 2; v <= 30; v++) {
                write(model, String.valueOf(v));
                assertThat(hot.checkNow()).isTrue();
                Thread.sleep(5);
            }
            stop.set(true);
            for (Future<?> f : clients) {
                f.get(10, TimeUnit.SECONDS); // rethrows any failed prediction
            }
            pool.shutdown();
            assertThat(hot.version()).isEqualTo(30);
            assertThat(predictions.get()).isGreaterThan(100);
            assertThat(seen).allMatch(r -> r >= 2 && r <= 60 && r % 2 == 0);
            assertThat(hot.predict(1.0)).isEqualTo(30.0);
            // every replaced model was closed, the serving one was not
            assertThat(made).hasSize(30);
            assertThat(made.subList(0, 29)).allMatch(m -> m.closed.get());
            assertThat(made.get(29).closed).isFalse();
            assertThat(hot.checkNow()).isFalse(); // nothing changed
        }
        assertThat(made.get(29).closed).isTrue();
    }

    @Test
    void aModelThatFailsToLoadKeepsTheOldOneServing() throws Exception {
        Path model = dir.resolve("model.txt");
        write(model, "3");
        List<String> events = new CopyOnWriteArrayList<>();
        ModelHotUpdate.Listener listener = new ModelHotUpdate.Listener() {
            @Override
            public void updated(Path m, long version) {
                events.add("updated " + version);
            }

            @Override
            public void failed(Path m, Exception error) {
                events.add("failed: " + error.getMessage());
            }
        };
        try (ModelHotUpdate<Double, Double> hot = ModelHotUpdate.<Double, Double>builder(ScaleModel::new)
                .watchModel(model).period(null).listener(listener).build()) {
            write(model, "half-writ");
            assertThat(hot.checkNow()).isFalse();
            assertThat(hot.predict(2.0)).isEqualTo(6.0);
            assertThat(made.get(1).closed).isTrue(); // the failed one is not left open
            write(model, "4");
            assertThat(hot.checkNow()).isTrue();
            assertThat(hot.predict(2.0)).isEqualTo(8.0);
            assertThat(events).hasSize(2);
            assertThat(events.get(0)).startsWith("failed: bad model");
            assertThat(events.get(1)).isEqualTo("updated 2");
            assertThatThrownBy(() -> hot.estimator().load(dir.resolve("missing.txt")))
                    .isInstanceOf(LibException.class).hasMessageContaining("previous model keeps serving");
            assertThat(hot.predict(1.0)).isEqualTo(4.0);
        }
        assertThatThrownBy(() -> ModelHotUpdate.<Double, Double>builder(ScaleModel::new)
                .watchModel(dir.resolve("none.txt")).period(null).build()).isInstanceOf(LibException.class);
    }

    @Test
    void sednasHotUpdateConfigSwapsWhenItsUpdateTimeChanges() throws Exception {
        write(dir.resolve("initial.txt"), "1");
        write(dir.resolve("m2.txt"), "2");
        write(dir.resolve("m3.txt"), "3");
        Path config = dir.resolve("model_config.json");
        try (ModelHotUpdate<Double, Double> hot = ModelHotUpdate.<Double, Double>builder(ScaleModel::new)
                .watchConfig(config, dir.resolve("initial.txt"), null).period(Duration.ofMillis(30)).build()) {
            assertThat(hot.predict(1.0)).isEqualTo(1.0); // no config yet: the initial model
            Files.writeString(config, "{\"model_config\":{\"model_update_time\":\"2024-01-01 10:00:00\","
                    + "\"model_path\":\"m2.txt\"}}");
            awaitVersion(hot, 2);
            assertThat(hot.predict(1.0)).isEqualTo(2.0);
            // the same update time with another path is not a new model
            Files.writeString(config, "{\"model_config\":{\"model_update_time\":\"2024-01-01 10:00:00\","
                    + "\"model_path\":\"m3.txt\"}}");
            Thread.sleep(150);
            assertThat(hot.version()).isEqualTo(2);
            Files.writeString(config, "{\"model_config\":{\"model_update_time\":\"2024-01-02 10:00:00\","
                    + "\"model_path\":\"m3.txt\"}}");
            awaitVersion(hot, 3);
            assertThat(hot.predict(1.0)).isEqualTo(3.0);
            assertThat(hot.currentModel()).isEqualTo(dir.resolve("m3.txt"));
        }
    }

    private static void awaitVersion(ModelHotUpdate<?, ?> hot, long version) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (hot.version() < version && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(hot.version()).isEqualTo(version);
    }
}
