package io.sedna4j.lc.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.api.link.Frame;
import io.sedna4j.api.link.Operation;
import io.sedna4j.api.link.UpstreamMessage;
import io.sedna4j.api.v1alpha1.Dataset;
import io.sedna4j.lc.LcException;
import io.sedna4j.lc.resource.ResourceManager;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the index file of every Dataset on this node and reports its sample count to the GM
 * ({@code {"output":{"ownerInfo":{"numberOfSamples":N}}}}) when it starts watching and whenever the count changes.
 * Local paths (relative to the LC's working directory), absolute paths and {@code file://} URLs are read; S3 and
 * HTTP indexes are not yet.
 */
public final class DatasetManager implements ResourceManager.Listener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DatasetManager.class);

    private final String node;
    private final BiConsumer<Frame.Header, UpstreamMessage> upstream;
    private final Path baseDir = Path.of("").toAbsolutePath();
    private final ScheduledExecutorService timer;
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();

    /** One dataset's index; its mutable fields are touched on the timer thread only. */
    private static final class Watch {
        final String key;
        final String namespace;
        final String name;
        final String url;
        final String format;
        final Path path;
        final String unsupported;
        Integer reported;
        String state = "new";
        long size = -1;
        long modified = -1;
        int count;

        Watch(String key, Dataset ds, Path path, String unsupported) {
            this.key = key;
            this.namespace = ds.metadata.namespaceOrDefault();
            this.name = ds.metadata.name;
            this.url = ds.spec.url;
            this.format = ds.spec.format;
            this.path = path;
            this.unsupported = unsupported;
        }

        boolean sameSource(Watch other) {
            return Objects.equals(url, other.url) && Objects.equals(format, other.format);
        }
    }

    /** @param upstream receives each report with its header; it queues it for the GM */
    public DatasetManager(String node, Duration interval, BiConsumer<Frame.Header, UpstreamMessage> upstream) {
        this.node = node;
        this.upstream = upstream;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lc-datasets-" + node);
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::checkAll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void inserted(String key, JsonNode resource) {
        Dataset ds;
        try {
            ds = ResourceCodec.json().treeToValue(resource, Dataset.class);
        } catch (JsonProcessingException e) {
            throw new LcException("dataset " + key + " cannot be read: " + e.getOriginalMessage(), e);
        }
        if (ds.spec == null || ds.spec.url == null || ds.spec.url.isBlank()) {
            throw new LcException("dataset " + key + " has no spec.url; fix: set it to the index file's path");
        }
        Watch w = watch(key, ds);
        Watch old = watches.get(key);
        if (old != null && old.sameSource(w)) {
            return; // the GM resent it unchanged
        }
        watches.put(key, w);
        log.info("watching dataset {}: index {}", key, w.path != null ? w.path : w.url);
        run(() -> check(w));
    }

    @Override
    public void deleted(String key) {
        if (watches.remove(key) != null) {
            log.info("stopped watching dataset {}", key);
        }
    }

    private Watch watch(String key, Dataset ds) {
        String url = ds.spec.url.trim();
        int colon = url.indexOf("://");
        String scheme = colon > 0 ? url.substring(0, colon).toLowerCase(Locale.ROOT) : "";
        return switch (scheme) {
            case "" -> new Watch(key, ds, baseDir.resolve(url).normalize(), null);
            case "file" -> new Watch(key, ds, filePath(url), null);
            case "s3", "http", "https" -> new Watch(key, ds, null, scheme + " index files are not read by the LC yet");
            default -> new Watch(key, ds, null, "the URL scheme \"" + scheme + "\" is not supported");
        };
    }

    private Path filePath(String url) {
        try {
            return Path.of(URI.create(url));
        } catch (IllegalArgumentException e) {
            return baseDir.resolve(url.substring("file://".length())).normalize(); // file://relative/path
        }
    }

    private void checkAll() {
        for (Watch w : watches.values()) {
            check(w);
        }
    }

    private void check(Watch w) {
        if (watches.get(w.key) != w) {
            return; // replaced or deleted meanwhile
        }
        try {
            count(w);
        } catch (RuntimeException e) {
            log.error("dataset {}: cannot report its samples: {}", w.key, e.getMessage(), e);
        }
    }

    private void count(Watch w) {
        if (w.unsupported != null) {
            if (!w.state.equals("unsupported")) {
                log.warn("dataset {}: index {}: {}, so its samples are not counted; fix: copy the index file to"
                        + " node {} and set spec.url to its local path", w.key, w.url, w.unsupported, node);
                w.state = "unsupported";
            }
            return;
        }
        int count;
        if (!Files.exists(w.path)) {
            if (!w.state.equals("missing")) {
                boolean relative = !w.url.contains("://") && !Path.of(w.url).isAbsolute();
                log.warn("dataset {}: index file {} does not exist on node {} (spec.url \"{}\"{}); counting 0"
                        + " samples until it does; fix: create it or correct spec.url", w.key, w.path, node, w.url,
                        relative ? ", read relative to the LC's directory " + baseDir : "");
                w.state = "missing";
            }
            count = 0;
        } else {
            try {
                BasicFileAttributes a = Files.readAttributes(w.path, BasicFileAttributes.class);
                long modified = a.lastModifiedTime().toMillis();
                if (!w.state.equals("ok") || a.size() != w.size || modified != w.modified) {
                    w.count = SampleCount.count(w.path, w.format);
                    w.size = a.size();
                    w.modified = modified;
                }
            } catch (IOException e) {
                String state = "unreadable: " + e.getMessage();
                if (!w.state.equals(state)) {
                    log.warn("dataset {}: cannot read index file {}: {}; fix: make it readable by the LC",
                            w.key, w.path, e.getMessage());
                    w.state = state;
                }
                return;
            }
            if (!w.state.equals("ok") && !w.state.equals("new")) {
                log.info("dataset {}: index file {} is readable again", w.key, w.path);
            }
            w.state = "ok";
            count = w.count;
        }
        if (w.reported == null || w.reported != count) {
            ObjectNode output = ResourceCodec.json().createObjectNode();
            output.putObject("ownerInfo").put("numberOfSamples", count);
            upstream.accept(new Frame.Header(w.namespace, "dataset", w.name, Operation.STATUS),
                    new UpstreamMessage(null, null, null, output));
            log.info("dataset {}: {} sample(s)", w.key, count);
            w.reported = count;
        }
    }

    private void run(Runnable task) {
        try {
            timer.execute(task);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
