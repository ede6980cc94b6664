package io.sedna4j.workers.reid;

import static org.assertj.core.api.Assertions.assertThat;

import io.sedna4j.lib.stream.Box;
import io.sedna4j.lib.stream.DetectedObject;
import io.sedna4j.lib.stream.DetectedObjects;
import io.sedna4j.lib.stream.EnrichedObjects;
import io.sedna4j.lib.stream.Frame;
import io.sedna4j.lib.stream.ObjectMessage;
import io.sedna4j.lib.stream.ObjectPublisher;
import io.sedna4j.lib.stream.Topics;
import io.sedna4j.vision.Image;
import io.sedna4j.vision.JpegCodec;
import io.sedna4j.vision.reid.AppearanceDescriptor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A camera's frames routed while its edge gets overloaded and recovers: every frame goes out once, one way. */
class RepartitionTest {
    private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");

    @Test
    void switchesAtFrameBoundariesWithoutLosingOrDuplicatingAFrameAndTheEndCountsThemAll() throws Exception {
        Recorder wire = new Recorder();
        byte[] crop;
        try (Image person = Image.blank(64, 128, new io.sedna4j.vision.Color(200, 30, 30))) {
            crop = JpegCodec.encode(person, 90);
        }
        Repartition route;
        try (AppearanceDescriptor descriptor = new AppearanceDescriptor()) {
            PlacementPolicy policy = new PlacementPolicy(PlacementPolicy.Mode.AUTO, false,
                    PlacementPolicy.Options.forFps(5));
            route = new Repartition(policy, new FeatureExtraction(descriptor, true), wire, new StageTimes(),
                    Duration.ZERO);
            for (int i = 0; i < 60; i++) {
                // frames 0-19: the edge is overloaded (250 ms of 200); then it is light (30 ms)
                route.frame(frame(i, crop), Duration.ofMillis(i < 20 ? 250 : 30).toNanos());
            }
            route.end("cam-1", "v.mp4", 60, T0.plusSeconds(12));
        }

        Map<Long, String> topicOf = new TreeMap<>();
        for (Sent s : wire.sent.subList(0, 60)) {
            assertThat(topicOf.put(s.message().frame().number(), s.topic())).as("frame sent twice").isNull();
        }
        assertThat(topicOf).hasSize(60).containsKeys(0L, 59L);
        assertThat(topicOf.get(0L)).isEqualTo(Topics.ENRICHED_OBJECT); // auto starts at the edge
        assertThat(topicOf.get(15L)).isEqualTo(Topics.OBJECT_DETECTION); // overloaded: crops go to the cloud
        assertThat(topicOf.get(59L)).isEqualTo(Topics.ENRICHED_OBJECT); // room again: back at the edge
        assertThat(route.policy().switches()).isEqualTo(2);
        assertThat(route.atEdge()).isEqualTo(topicOf.values().stream().filter(Topics.ENRICHED_OBJECT::equals).count());
        Sent end = wire.sent.get(60);
        assertThat(end.topic()).isEqualTo(Topics.ENRICHED_OBJECT);
        assertThat(EndOfStream.is(end.message())).isTrue();
        assertThat(EndOfStream.framesSent(end.message())).isEqualTo(60);
        EnrichedObjects atEdge = (EnrichedObjects) wire.sent.get(0).message();
        assertThat(atEdge.objects()).singleElement().satisfies(o -> {
            assertThat(o.crop()).isEqualTo(crop);
            assertThat(o.embedding().extractor()).isEqualTo(new AppearanceDescriptor().name());
        });
    }

    @Test
    void privacyEdgeOnlySendsNoCropOrFrameEvenWhenTheEdgeIsOverloaded() throws Exception {
        Recorder wire = new Recorder();
        byte[] crop;
        try (Image person = Image.blank(64, 128, new io.sedna4j.vision.Color(200, 30, 30))) {
            crop = JpegCodec.encode(person, 90);
        }
        try (AppearanceDescriptor descriptor = new AppearanceDescriptor()) {
            Repartition route = new Repartition(new PlacementPolicy(PlacementPolicy.Mode.AUTO, true,
                    PlacementPolicy.Options.forFps(5)), new FeatureExtraction(descriptor, false, false), wire,
                    new StageTimes(), Duration.ZERO);
            for (int i = 0; i < 30; i++) {
                route.frame(frame(i, crop), Duration.ofMillis(400).toNanos());
            }
        }

        assertThat(wire.sent).hasSize(30).allSatisfy(s -> {
            assertThat(s.topic()).isEqualTo(Topics.ENRICHED_OBJECT);
            EnrichedObjects e = (EnrichedObjects) s.message();
            assertThat(e.frameJpeg()).isNull();
            assertThat(e.objects()).singleElement().satisfies(o -> assertThat(o.crop()).isNull());
        });
    }

    private static DetectedObjects frame(int i, byte[] crop) {
        return new DetectedObjects(new Frame("cam-1", "v.mp4", i, T0.plusMillis(200L * i), 1280, 720),
                List.of(new DetectedObject(1, new Box(100, 100, 164, 228), 0.8f, crop)), new byte[] {1, 2});
    }

    private record Sent(String topic, ObjectMessage message) {
    }

    /** A publisher that keeps what it is given and delivers at once. */
    private static final class Recorder implements ObjectPublisher {
        final List<Sent> sent = new ArrayList<>();

        @Override
        public void publish(String topic, ObjectMessage message) {
            sent.add(new Sent(topic, message));
        }

        @Override
        public boolean flush(Duration timeout) {
            return true;
        }

        @Override
        public Stats stats() {
            return new Stats(sent.size(), sent.size(), 0, 0);
        }

        @Override
        public void close() {
        }
    }
}
