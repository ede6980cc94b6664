package io.sedna4j.workers.reid;

import io.sedna4j.lib.stream.DetectedObjects;
import io.sedna4j.lib.stream.EnrichedObjects;
import io.sedna4j.lib.stream.ObjectMessage;
import io.sedna4j.lib.stream.ObjectPublisher;
import io.sedna4j.lib.stream.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A camera's frames, each sent exactly once along the path its {@link PlacementPolicy} chose before it: extracted
 * here and published to {@code enriched_object}, or published with its crops to {@code object_detection} for the
 * feature extraction service. A switch happens between two frames, so no frame is sent twice or not at all; the
 * end of stream says how many frames were sent, so that the ReID job also waits for frames still on their way
 * through the other path (and drops a frame it already has, by camera and frame number).
 */
final class Repartition implements VideoAnalytics.Sink {
    private final PlacementPolicy policy;
    private final FeatureExtraction edge;
    private final ObjectPublisher publisher;
    private final StageTimes times;
    private final long delayNanos;
    private long sent;
    private long atEdge;

    /**
     * @param edge  the extraction at the edge (null when the policy never places it there)
     * @param delay an artificial delay per frame extracted at the edge, to stand for a slow edge in benchmarks
     */
    Repartition(PlacementPolicy policy, FeatureExtraction edge, ObjectPublisher publisher, StageTimes times,
                Duration delay) {
        if (edge == null && policy.current() == PlacementPolicy.Placement.EDGE) {
            throw new IllegalArgumentException("a policy that starts at the edge needs an edge extractor");
        }
        this.policy = policy;
        this.edge = edge;
        this.publisher = publisher;
        this.times = times;
        this.delayNanos = delay.toNanos();
    }

    @Override
    public void frame(DetectedObjects frame, long edgeNanos) {
        double extractMs = Double.NaN;
        ObjectMessage message = frame;
        String topic = Topics.OBJECT_DETECTION;
        if (policy.current() == PlacementPolicy.Placement.EDGE) {
            long t0 = System.nanoTime();
            message = edge.enrich(frame);
            if (delayNanos > 0 && frame.size() > 0) {
                sleep(delayNanos);
            }
            long spent = System.nanoTime() - t0;
            times.add(StageTimes.Stage.EXTRACT, spent);
            extractMs = spent / 1e6;
            topic = Topics.ENRICHED_OBJECT;
            atEdge++;
        }
        long t1 = System.nanoTime();
        publisher.publish(topic, message);
        times.add(StageTimes.Stage.PUBLISH, System.nanoTime() - t1);
        sent++;
        policy.next(edgeNanos / 1e6, extractMs, publisher.stats().pending());
    }

    @Override
    public void end(String camera, String videoId, long nextFrame, Instant at) {
        DetectedObjects end = EndOfStream.of(camera, videoId, nextFrame, at, sent);
        if (policy.current() == PlacementPolicy.Placement.EDGE) {
            publisher.publish(Topics.ENRICHED_OBJECT, new EnrichedObjects(end.frame(), List.of(), null));
        } else {
            publisher.publish(Topics.OBJECT_DETECTION, end);
        }
    }

    long sent() {
        return sent;
    }

    /** Frames whose features were extracted here. */
    long atEdge() {
        return atEdge;
    }

    PlacementPolicy policy() {
        return policy;
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
