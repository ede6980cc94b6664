package io.sedna4j.lib.estimator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.lib.LcClient;
import io.sedna4j.lib.LibException;
import io.sedna4j.lib.WorkerContext;
import io.sedna4j.lib.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a model and swaps it for a new one while predictions run: Sedna's model hot update. It watches either a
 * model file (or directory) for changes, or Sedna's hot-update config, the JSON file the LC rewrites on deploy:
 * {@code {"model_config":{"model_path":"…","model_update_time":"…"}}} (a new update time means a new model).
 *
 * <p>A change loads the new model into a fresh {@link Estimator} from the factory; then new predictions use it, the
 * predictions in flight finish on the old one, and the old one is closed when the last of them returns. A model that
 * fails to load is logged and the old one keeps serving. Predict through {@link #predict} or the {@link #estimator()}
 * view, which other components (joint inference, servers) take as any estimator.
 */
public final class ModelHotUpdate<I, O> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ModelHotUpdate.class);

    /** Hears about swaps, e.g. to report them to the LC. */
    public interface Listener {
        default void updated(Path model, long version) {
        }

        default void failed(Path model, Exception error) {
        }
    }

    /** A loaded estimator and how many callers use it; the holder's own reference counts as one. */
    private static final class Loaded<I, O> {
        final Estimator<I, O> estimator;
        final Path model;
        final AtomicInteger users = new AtomicInteger(1);

        Loaded(Estimator<I, O> estimator, Path model) {
            this.estimator = estimator;
            this.model = model;
        }

        boolean acquire() {
            for (int n = users.get(); n > 0; n = users.get()) {
                if (users.compareAndSet(n, n + 1)) {
                    return true;
                }
            }
            return false; // retired and idle: the caller reads the current one again
        }

        void release() {
            if (users.decrementAndGet() == 0) {
                try {
                    estimator.close();
                } catch (Exception e) {
                    log.warn("closing the replaced model {} failed: {}", model, e.getMessage());
                }
            }
        }
    }

    private final Supplier<? extends Estimator<I, O>> factory;
    private final Path watched;
    private final boolean config;
    private final Storage storage;
    private final Listener listener;
    private final AtomicReference<Loaded<I, O>> current = new AtomicReference<>();
    private final Object checking = new Object();
    private final ScheduledExecutorService poller;
    private final Estimator<I, O> view = new View();
    private volatile long version;
    private volatile String seen;
    private volatile boolean closed;

    private ModelHotUpdate(Builder<I, O> b) {
        this.factory = b.factory;
        this.watched = b.watched;
        this.config = b.config;
        this.storage = b.storage;
        this.listener = b.listener;
        Path first;
        if (config) {
            Map.Entry<String, Path> c = readConfig();
            first = c != null ? c.getValue() : b.initial;
            seen = c != null ? c.getKey() : null;
            if (first == null) {
                throw new LibException("no model to start with: the hot-update config " + watched + " is missing or"
                        + " names no model_path, and no initial model was given; fix: set MODEL_URL or write the config");
            }
        } else {
            first = watched;
            seen = fingerprint(watched);
        }
        Loaded<I, O> loaded = new Loaded<>(load(first), first);
        current.set(loaded);
        version = 1;
        if (b.period != null) {
            poller = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "model-hot-update");
                t.setDaemon(true);
                return t;
            });
            long ms = b.period.toMillis();
            poller.scheduleWithFixedDelay(this::poll, ms, ms, TimeUnit.MILLISECONDS);
        } else {
            poller = null;
        }
    }

    public static <I, O> Builder<I, O> builder(Supplier<? extends Estimator<I, O>> factory) {
        return new Builder<>(factory);
    }

    /** A prediction on the current model; a swap meanwhile does not disturb it. */
    public O predict(I input) {
        return with(e -> e.predict(input));
    }

    /** Runs {@code work} on the current estimator, which stays open until it returns. */
    public <R> R with(Function<Estimator<I, O>, R> work) {
        while (true) {
            Loaded<I, O> l = current.get();
            if (l == null) {
                throw new LibException("the model is closed; fix: do not predict after closing the hot update");
            }
            if (l.acquire()) {
                try {
                    return work.apply(l.estimator);
                } finally {
                    l.release();
                }
            }
        }
    }

    /** The current model as an estimator; {@code load(path)} on it swaps to that model. */
    public Estimator<I, O> estimator() {
        return view;
    }

    /** How many models were loaded: 1 at start, +1 per swap. */
    public long version() {
        return version;
    }

    public Path currentModel() {
        Loaded<I, O> l = current.get();
        return l == null ? null : l.model;
    }

    /** Checks the watched file now; whether the model was swapped. */
    public boolean checkNow() {
        synchronized (checking) {
            if (closed) {
                return false;
            }
            if (config) {
                Map.Entry<String, Path> c = readConfig();
                if (c == null || Objects.equals(c.getKey(), seen)) {
                    return false;
                }
                seen = c.getKey(); // a failed version is not retried until the LC writes another one
                return swap(c.getValue());
            }
            String now = fingerprint(watched);
            if (now == null || now.equals(seen)) {
                return false;
            }
            seen = now; // a failed file is retried when it changes again (e.g. finishes being written)
            return swap(watched);
        }
    }

    /** Loads {@code model} into a new estimator and makes it current; false (old model kept) if it fails. */
    public boolean swap(Path model) {
        long now;
        synchronized (checking) { // one swap at a time; predictions never wait for this lock
            if (closed) {
                return false;
            }
            Estimator<I, O> fresh;
            try {
                fresh = load(model);
            } catch (RuntimeException e) {
                log.warn("the new model {} cannot be loaded, the current one ({}) keeps serving: {}", model,
                        currentModel(), e.getMessage());
                listener.failed(model, e);
                return false;
            }
            Loaded<I, O> old = current.getAndSet(new Loaded<>(fresh, model));
            if (old != null) {
                old.release(); // closes it once the predictions in flight are done
            }
            now = ++version;
        }
        log.info("model {} is now serving (version {})", model, now);
        listener.updated(model, now);
        return true;
    }

    private Estimator<I, O> load(Path model) {
        Estimator<I, O> e = factory.get();
        try {
            e.load(model);
            return e;
        } catch (RuntimeException ex) {
            try {
                e.close();
            } catch (Exception ignored) {
                // the load error is the one that matters
            }
            throw ex instanceof LibException ? ex : new LibException("cannot load model " + model + ": "
                    + ex.getMessage() + "; fix: check that the file is a complete model of this backend", ex);
        }
    }

    private void poll() {
        try {
            checkNow();
        } catch (RuntimeException e) {
            log.warn("model hot update: checking {} failed: {}", watched, e.getMessage());
        }
    }

    /** {update time, model path} from the config, or null when it is missing or incomplete (logged). */
    private Map.Entry<String, Path> readConfig() {
        if (!Files.isRegularFile(watched)) {
            return null;
        }
        JsonNode c;
        try {
            c = ResourceCodec.json().readTree(watched.toFile()).path("model_config");
        } catch (IOException e) {
            log.warn("hot-update config {} is not JSON ({}); still using {}", watched, e.getMessage(), currentModel());
            return null;
        }
        String time = c.path("model_update_time").asText("");
        String path = c.path("model_path").asText("");
        if (time.isEmpty() || path.isEmpty()) {
            log.warn("hot-update config {} lacks model_config.model_update_time or model_path", watched);
            return null;
        }
        Path model;
        try {
            model = storage != null ? storage.resolve(path, "model_path of " + watched)
                    : watched.toAbsolutePath().getParent().resolve(path);
        } catch (LibException e) {
            log.warn("hot-update config {}: {}", watched, e.getMessage());
            return null;
        }
        return Map.entry(time, model);
    }

    /** Size and modification time of a file, or of every file under a directory; null when absent. */
    private static String fingerprint(Path p) {
        try {
            if (Files.isRegularFile(p)) {
                return Files.size(p) + ":" + Files.getLastModifiedTime(p).to(TimeUnit.MICROSECONDS);
            }
            if (Files.isDirectory(p)) {
                try (Stream<Path> files = Files.walk(p)) {
                    long[] acc = new long[3];
                    files.filter(Files::isRegularFile).forEach(f -> {
                        try {
                            acc[0]++;
                            acc[1] += Files.size(f);
                            acc[2] = Math.max(acc[2], Files.getLastModifiedTime(f).to(TimeUnit.MICROSECONDS));
                        } catch (IOException e) {
                            acc[2] = -1;
                        }
                    });
                    return acc[0] + ":" + acc[1] + ":" + acc[2];
                }
            }
        } catch (IOException e) {
            log.debug("cannot read {}: {}", p, e.getMessage());
        }
        return null;
    }

    /** Stops watching and closes the current model once it is idle. */
    @Override
    public void close() {
        synchronized (checking) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (poller != null) {
            poller.shutdownNow();
        }
        Loaded<I, O> l = current.getAndSet(null);
        if (l != null) {
            l.release();
        }
    }

    /** Reports each swap to the LC as Sedna does: kind "deploy", status completed or failed. */
    public static Listener reportingTo(LcClient lc, WorkerContext context, String ownerKind) {
        return new Listener() {
            @Override
            public void updated(Path model, long version) {
                lc.post(context.workerInfo(ownerKind, "deploy", "completed", null, results(model)));
            }

            @Override
            public void failed(Path model, Exception error) {
                lc.post(context.workerInfo(ownerKind, "deploy", "failed",
                        JsonNodeFactory.instance.objectNode().put("error", error.getMessage()), results(model)));
            }

            private JsonNode results(Path model) {
                return JsonNodeFactory.instance.arrayNode().add(JsonNodeFactory.instance.objectNode()
                        .put("url", context.reportPath(model.toString())));
            }
        };
    }

    public static final class Builder<I, O> {
        private final Supplier<? extends Estimator<I, O>> factory;
        private Path watched;
        private boolean config;
        private Path initial;
        private Storage storage;
        private Duration period = WorkerContext.DEFAULT_MODEL_POLL_PERIOD;
        private Listener listener = new Listener() {
        };

        private Builder(Supplier<? extends Estimator<I, O>> factory) {
            this.factory = Objects.requireNonNull(factory, "factory");
        }

        /** Serve {@code model} and reload it when it changes (size or modification time). */
        public Builder<I, O> watchModel(Path model) {
            this.watched = model;
            this.config = false;
            return this;
        }

        /**
         * Serve the model Sedna's hot-update config names, and swap when its update time changes.
         *
         * @param initial served until the config exists (MODEL_URL); may be null
         * @param storage resolves {@code model_path} URLs (s3://, http://); null reads them as local paths
         */
        public Builder<I, O> watchConfig(Path configFile, Path initial, Storage storage) {
            this.watched = configFile;
            this.config = true;
            this.initial = initial;
            this.storage = storage;
            return this;
        }

        /** How often to look; null does not poll ({@link #checkNow()} only). Default 60 s. */
        public Builder<I, O> period(Duration period) {
            this.period = period;
            return this;
        }

        public Builder<I, O> listener(Listener listener) {
            this.listener = Objects.requireNonNull(listener);
            return this;
        }

        /** Loads the first model (failing if it cannot) and starts watching. */
        public ModelHotUpdate<I, O> build() {
            if (watched == null) {
                throw new LibException("model hot update needs a model or a config to watch; fix: call watchModel"
                        + " or watchConfig (MODEL_HOT_UPDATE_CONFIG)");
            }
            return new ModelHotUpdate<>(this);
        }
    }

    /** The current model, as an estimator. */
    private final class View implements Estimator<I, O> {
        @Override
        public void load(Path model) {
            if (!swap(model)) {
                throw new LibException("model " + model + " could not be loaded; the previous model keeps serving;"
                        + " fix: see the log for the cause");
            }
        }

        @Override
        public List<Path> save(Path target) {
            return with(e -> e.save(target));
        }

        @Override
        public O predict(I input) {
            return with(e -> e.predict(input));
        }

        @Override
        public List<O> predict(List<I> inputs) {
            return with(e -> e.predict(inputs));
        }

        @Override
        public Map<String, Double> train(List<Example<I>> train, List<Example<I>> validation,
                                         Map<String, String> parameters) {
            return with(e -> e.train(train, validation, parameters));
        }

        @Override
        public Map<String, Double> evaluate(List<Example<I>> data) {
            return with(e -> e.evaluate(data));
        }

        @Override
        public NamedTensors weights() {
            return with(Estimator::weights);
        }

        @Override
        public void setWeights(NamedTensors weights) {
            with(e -> {
                e.setWeights(weights);
                return null;
            });
        }

        @Override
        public boolean isThreadSafe() {
            return with(Estimator::isThreadSafe);
        }

        @Override
        public void close() {
            ModelHotUpdate.this.close();
        }
    }
}
