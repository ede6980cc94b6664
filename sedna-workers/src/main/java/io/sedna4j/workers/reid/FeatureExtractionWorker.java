package io.sedna4j.workers.reid;

import io.sedna4j.lib.WorkerContext;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedna4j.lib.stream.DetectedObjects;
import io.sedna4j.lib.stream.EnrichedObjects;
import io.sedna4j.lib.stream.ObjectPublisher;
import io.sedna4j.lib.stream.ObjectSubscriber;
import io.sedna4j.lib.stream.Streams;
import io.sedna4j.lib.stream.Topics;
import io.sedna4j.vision.reid.FeatureExtractor;
import io.sedna4j.workers.WorkerRuntime;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code sedna4j/feature-extraction}: a FeatureExtractionService's worker. Subscribes to {@code object_detection},
 * computes an appearance embedding per person crop and publishes {@code sedna4j.enriched-objects} to
 * {@code enriched_object} (the frame image passed through; crops too unless {@code keep_crops} is false). Runs until
 * stopped.
 *
 * <p>Environment: MODEL_URL (an {@code .onnx} ReID model; anything else, such as the demo's
 * {@code builtin/appearance-descriptor}, selects the built-in appearance descriptor), {@code input_shape}
 * ("256,128", for ONNX models of dynamic size), {@code keep_crops} (true), and the transport's (KAFKA_ENABLED,
 * KAFKA_BIND_IPS, KAFKA_BIND_PORTS; or, for REST, STREAM_BIND_PORT, default 6000 as Sedna's, and
 * ENRICHED_OBJECT_URL).
 */
public final class FeatureExtractionWorker {
    static final String NAME = "feature-extraction";
    static final int DEFAULT_PORT = 6000;

    private FeatureExtractionWorker() {
    }

    public static void main(String[] args) {
        WorkerRuntime.run(NAME, () -> {
            WorkerContext ctx = WorkerContext.fromEnv();
            boolean keepCrops = ctx.booleanParameter("keep_crops", true);
            try (FeatureExtractor extractor = Extractors.create(ctx);
                 ObjectPublisher publisher = Streams.publisher(ctx);
                 ObjectSubscriber subscriber = Streams.subscriber(ctx, DEFAULT_PORT)) {
                FeatureExtraction fe = new FeatureExtraction(extractor, keepCrops);
                StageTimes times = new StageTimes();
                AtomicLong objects = new AtomicLong();
                long ready = System.nanoTime();
                try (StreamReport report = new StreamReport(ctx, "featureextractionservice", () -> {
                    long frames = times.count(StageTimes.Stage.EXTRACT);
                    ObjectNode o = JsonNodeFactory.instance.objectNode();
                    return o.put("frames", frames).put("fps", Math.round(frames / Math.max(1e-3,
                                    (System.nanoTime() - ready) / 1e9) * 10) / 10.0)
                            .put("objects", objects.get())
                            .put("extractMsPerFrame", Math.round(times.meanMs(StageTimes.Stage.EXTRACT) * 100) / 100.0)
                            .put("queueLag", publisher.stats().pending())
                            .put("duplicatesDropped", subscriber.stats().duplicates());
                })) {
                    subscriber.subscribe(Topics.OBJECT_DETECTION, (topic, message) -> {
                        if (message instanceof DetectedObjects detected) {
                            long t0 = System.nanoTime();
                            EnrichedObjects enriched = fe.enrich(detected);
                            times.add(StageTimes.Stage.EXTRACT, System.nanoTime() - t0);
                            objects.addAndGet(enriched.size());
                            publisher.publish(Topics.ENRICHED_OBJECT, enriched);
                        }
                    });
                    System.out.println(NAME + ": " + extractor.name() + " features (" + extractor.dimension()
                            + " floats) from topic " + Topics.OBJECT_DETECTION + " to " + Topics.ENRICHED_OBJECT);
                    new CountDownLatch(1).await(); // until the Local Controller stops the worker
                }
            }
        });
    }
}
