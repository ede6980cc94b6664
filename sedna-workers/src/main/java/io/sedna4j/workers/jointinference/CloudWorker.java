package io.sedna4j.workers.jointinference;

import com.fasterxml.jackson.core.type.TypeReference;
import io.sedna4j.lib.WorkerContext;
import io.sedna4j.lib.inference.Detection;
import io.sedna4j.lib.jointinference.BigModelService;
import io.sedna4j.lib.jointinference.Codec;
import io.sedna4j.vision.DetectorEstimator;
import io.sedna4j.vision.ImageCodec;
import io.sedna4j.workers.PersonDetectors;
import io.sedna4j.workers.WorkerRuntime;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code sedna4j/joint-inference-cloud}: the big model of pedestrian joint inference. Serves a person detector
 * (CenterNet by default) at {@code POST /{service}/predict}: JPEG in, detections out.
 */
public final class CloudWorker {
    static final Codec<List<Detection>> DETECTIONS = Codec.json(new TypeReference<List<Detection>>() { });

    private CloudWorker() {
    }

    public static void main(String[] args) {
        WorkerRuntime.run("joint-inference-cloud", () -> {
            WorkerContext ctx = WorkerContext.fromEnv();
            DetectorEstimator detector = new DetectorEstimator(PersonDetectors.create(ctx, "centernet"));
            try (BigModelService<?, ?> service = BigModelService.builder(detector, new ImageCodec(), DETECTIONS)
                    .context(ctx).start()) {
                System.out.println("joint-inference-cloud: serving " + detector.name() + " at " + service.endpoint());
                new CountDownLatch(1).await(); // until the Local Controller stops the worker
            }
        });
    }
}
