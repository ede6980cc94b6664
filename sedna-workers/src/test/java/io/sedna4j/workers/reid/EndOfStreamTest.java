package io.sedna4j.workers.reid;

import static org.assertj.core.api.Assertions.assertThat;

import io.sedna4j.lib.stream.DetectedObjects;
import io.sedna4j.lib.stream.EnrichedObjects;
import io.sedna4j.lib.stream.Frame;
import io.sedna4j.lib.stream.MessageCodec;
import io.sedna4j.lib.stream.ObjectMessage;
import io.sedna4j.vision.reid.AppearanceDescriptor;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndOfStreamTest {
    @Test
    void theMarkerSurvivesTheWireAndFeatureExtractionAndAnEmptyFrameIsNoMarker() {
        DetectedObjects marker = EndOfStream.of("cam-1", "street.mp4", 240, Instant.parse("2024-05-01T12:00:10Z"), 48);
        ObjectMessage decoded = MessageCodec.decode(MessageCodec.encode(marker));
        EnrichedObjects passed = new FeatureExtraction(new AppearanceDescriptor(), true)
                .enrich((DetectedObjects) decoded);
        ObjectMessage enriched = MessageCodec.decode(MessageCodec.encode(passed));

        assertThat(EndOfStream.is(decoded)).isTrue();
        assertThat(EndOfStream.is(enriched)).isTrue();
        assertThat(enriched.frame()).isEqualTo(marker.frame());
        assertThat(EndOfStream.framesSent(enriched)).isEqualTo(48);
        DetectedObjects nobody = new DetectedObjects(new Frame("cam-1", "street.mp4", 239,
                Instant.parse("2024-05-01T12:00:09.960Z"), 1280, 720), List.of(), new byte[] {1});
        assertThat(EndOfStream.is(nobody)).isFalse();
    }

    @Test
    void theVersion1MarkerOfAnOlderWorkerIsStillUnderstoodWithoutACount() {
        DetectedObjects old = new DetectedObjects(new Frame("cam-1", "street.mp4", 240,
                Instant.parse("2024-05-01T12:00:10Z"), 0, 0), List.of(), null);
        ObjectMessage decoded = MessageCodec.decode(MessageCodec.encode(old));

        assertThat(EndOfStream.is(decoded)).isTrue();
        assertThat(EndOfStream.framesSent(decoded)).isEqualTo(-1);
    }
}
