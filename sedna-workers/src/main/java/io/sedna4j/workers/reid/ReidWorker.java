package io.sedna4j.workers.reid;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedna4j.lib.LibException;
import io.sedna4j.lib.WorkerContext;
import io.sedna4j.lib.stream.EnrichedObjects;
import io.sedna4j.lib.stream.ObjectSubscriber;
import io.sedna4j.lib.stream.Streams;
import io.sedna4j.lib.stream.Topics;
import io.sedna4j.vision.PersonDetector;
import io.sedna4j.vision.reid.ContactEstimator;
import io.sedna4j.vision.reid.FeatureExtractor;
import io.sedna4j.vision.reid.Matcher;
import io.sedna4j.workers.PersonDetectors;
import io.sedna4j.workers.WorkerRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code sedna4j/reid}: a ReidJob's worker, in the cloud. Turns the query photos into features, subscribes to
 * {@code enriched_object}, and per camera finds the person of the photos among the tracked people and who came
 * close to them ({@link ReidSession}). Ends when every expected camera sent its end of stream, or after
 * {@code idle_seconds} without a message, and writes to {@code output_dir}: annotated frames
 * ({@code frames/<camera>/}), {@code results.json}, {@code index.html} and, last, {@code summary.json}.
 *
 * <p>Environment: {@code query_images} (required: photos of the person, pipe-separated, Sedna's), {@code match_thresh}
 * (least cosine similarity of a match; Sedna's code reads {@code match_threshold}, also accepted; default: the
 * extractor's, 0.75 for the built-in one), {@code cameras} (how many cameras, or their names separated by commas;
 * unset: whichever send), {@code idle_seconds} (30), {@code output_dir} (default {@code output/<job>}),
 * {@code detector} (to check that each query photo shows a person: {@code hog} default), MODEL_URL (the feature
 * extraction service's model, when it is an ONNX one), {@code annotate} (true), and the transport's
 * (KAFKA_ENABLED, KAFKA_BIND_IPS, KAFKA_BIND_PORTS; or, for REST, STREAM_BIND_PORT, default 6001).
 */
public final class ReidWorker {
    static final String NAME = "reid";
    static final int DEFAULT_PORT = 6001;

    private ReidWorker() {
    }

    public static void main(String[] args) {
        WorkerRuntime.run(NAME, () -> run(WorkerContext.fromEnv()));
    }

    static ObjectNode run(WorkerContext ctx) throws Exception {
        long started = System.nanoTime();
        List<Path> files = QueryImages.parse(ctx.parameter("query_images").orElseThrow(() -> new LibException(
                "the ReID job needs query_images, the photos of the person to find; fix: add query_images to the "
                        + "container's env, paths separated by '|'")));
        Path out = Path.of(ctx.parameter("output_dir", "output/" + ctx.ownerName()));
        ExpectedCameras cameras = ExpectedCameras.parse(ctx.parameter("cameras", null));
        Duration idle = ctx.secondsParameter("idle_seconds", Duration.ofSeconds(30));
        boolean annotate = ctx.booleanParameter("annotate", true);
        try (FeatureExtractor extractor = Extractors.create(ctx)) {
            List<QueryImages.Query> queries;
            try (PersonDetector detector = PersonDetectors.create(ctx, "hog")) {
                queries = QueryImages.load(files, detector, extractor);
            }
            double threshold = ctx.doubleParameter("match_thresh",
                    ctx.doubleParameter("match_threshold", extractor.matchThreshold()));
            Matcher matcher = new Matcher(queries.stream().map(QueryImages.Query::feature).toList(),
                    Matcher.Options.defaults(extractor).withMatchThresh(threshold));
            Files.createDirectories(out);
            ReidSession session = new ReidSession(extractor.name(), matcher, new ContactEstimator(), queries,
                    new ReidSession.Settings(out, cameras, idle, annotate));
            String ended;
            StageTimes times = new StageTimes();
            try (ObjectSubscriber subscriber = Streams.subscriber(ctx, DEFAULT_PORT);
                 StreamReport report = new StreamReport(ctx, "reidjob", () -> session.statistics()
                         .put("matchMsPerFrame", Math.round(times.meanMs(StageTimes.Stage.MATCH) * 100) / 100.0)
                         .put("duplicatesDropped", subscriber.stats().duplicates()))) {
                subscriber.subscribe(Topics.ENRICHED_OBJECT, (topic, message) -> {
                    if (message instanceof EnrichedObjects enriched) {
                        long t0 = System.nanoTime();
                        session.handle(enriched);
                        times.add(StageTimes.Stage.MATCH, System.nanoTime() - t0);
                    }
                });
                System.out.println(NAME + ": looking for the person of " + files.size() + " query image(s) with "
                        + extractor.name() + " features, match threshold " + threshold + ", on topic "
                        + Topics.ENRICHED_OBJECT + "; waiting for " + (cameras.any() ? "any cameras"
                        : cameras.names().isEmpty() ? cameras.count() + " camera(s)" : cameras.names()));
                ended = session.awaitEnd();
            }
            ObjectNode summary = session.finish(ended, Duration.ofNanos(System.nanoTime() - started));
            System.out.println(NAME + ": done (" + ended + "): " + summary.path("frames").asLong() + " frames, target in "
                    + summary.path("framesWithTarget").asLong() + ", " + summary.path("contacts").size()
                    + " contact(s); report " + out.resolve("index.html").toAbsolutePath());
            return summary;
        }
    }
}
