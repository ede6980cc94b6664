package io.sedna4j.lib.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sedna4j.lib.LibException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void detectedObjectsRoundTripWithCropsAndFrame() {
        DetectedObjects d = Messages.detected("cam-1", 7);
        DetectedObjects withFrame = new DetectedObjects(d.frame(), d.objects(), Messages.jpeg("whole frame"));

        ObjectMessage back = MessageCodec.decode(MessageCodec.encode(withFrame));

        assertThat(back).isEqualTo(withFrame);
        assertThat(((DetectedObjects) back).objects().get(1).crop()).isNull();
    }

    @Test
    void theHeaderIsPlainJsonAfterMagicAndBigEndianLength() throws Exception {
        byte[] bytes = MessageCodec.encode(Messages.detected("cam-1", 7));

        assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("SDN4");
        int length = ByteBuffer.wrap(bytes, 4, 4).getInt();
        JsonNode header = JSON.readTree(new String(bytes, 8, length, StandardCharsets.UTF_8));
        assertThat(header.get("schema").asText()).isEqualTo("sedna4j.detected-objects");
        assertThat(header.get("version").asInt()).isEqualTo(1);
        assertThat(header.get("camera").asText()).isEqualTo("cam-1");
        assertThat(header.get("frame").asLong()).isEqualTo(7);
        assertThat(header.get("timestamp").asText()).isEqualTo("2023-11-14T22:13:20.280Z");
        assertThat(header.get("objects").get(0).get("box").toString()).isEqualTo("[10.0,20.0,60.0,180.0]");
        assertThat(header.get("objects").get(0).get("crop").asInt()).isZero();
        assertThat(header.get("objects").get(1).get("crop").isNull()).isTrue();
        assertThat(header.get("frameJpeg").isNull()).isTrue();
        // the crop follows the header as its length and bytes
        int cropLength = ByteBuffer.wrap(bytes, 8 + length, 4).getInt();
        assertThat(Arrays.copyOfRange(bytes, 12 + length, 12 + length + cropLength))
                .isEqualTo(Messages.detected("cam-1", 7).objects().get(0).crop());
    }

    @Test
    void enrichedObjectsRoundTripWithEmbeddingsAsLittleEndianFloat32() throws Exception {
        DetectedObjects d = Messages.detected("cam-2", 3);
        List<Embedding> embeddings = List.of(new Embedding("hsv-stripes", new float[] {0.25f, -1.5f, 3e-8f}),
                new Embedding("hsv-stripes", new float[] {1f, 0f, Float.MIN_VALUE}));
        EnrichedObjects e = EnrichedObjects.of(d, embeddings, true);

        byte[] bytes = MessageCodec.encode(e);
        assertThat(MessageCodec.decode(bytes, "a test")).isEqualTo(e);

        int length = ByteBuffer.wrap(bytes, 4, 4).getInt();
        JsonNode o = JSON.readTree(new String(bytes, 8, length, StandardCharsets.UTF_8)).get("objects").get(0);
        assertThat(o.get("extractor").asText()).isEqualTo("hsv-stripes");
        assertThat(o.get("dimension").asInt()).isEqualTo(3);
        int part = o.get("embedding").asInt();
        ByteBuffer in = ByteBuffer.wrap(bytes, 8 + length, bytes.length - 8 - length);
        for (int i = 0; i < part; i++) {
            int skip = in.getInt();
            in.position(in.position() + skip);
        }
        assertThat(in.getInt()).isEqualTo(12);
        assertThat(in.order(ByteOrder.LITTLE_ENDIAN).getFloat()).isEqualTo(0.25f);
    }

    @Test
    void privacyModeDropsCropsAndFrameButKeepsEmbeddings() {
        DetectedObjects d = new DetectedObjects(Messages.detected("cam-1", 1).frame(),
                Messages.detected("cam-1", 1).objects(), Messages.jpeg("frame"));
        List<Embedding> embeddings = List.of(new Embedding("x", new float[] {1}), new Embedding("x", new float[] {2}));

        EnrichedObjects e = (EnrichedObjects) MessageCodec.decode(MessageCodec.encode(
                EnrichedObjects.of(d, embeddings, false)));

        assertThat(e.objects()).noneMatch(EnrichedObject::hasCrop);
        assertThat(e.frameJpeg()).isNull();
        assertThat(e.objects().get(1).embedding().vector()).containsExactly(2f);
    }

    @Test
    void aTimestampInMillisecondsIsAccepted() {
        byte[] bytes = message("{\"schema\":\"sedna4j.detected-objects\",\"version\":1,\"camera\":\"c\","
                + "\"frame\":0,\"timestamp\":1700000000000,\"width\":4,\"height\":3,\"objects\":[],\"parts\":0}");

        ObjectMessage m = MessageCodec.decode(bytes);

        assertThat(m.frame().timestamp()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
        assertThat(m.frame().videoId()).isNull();
        assertThat(m.size()).isZero();
    }

    @Test
    void aPickleIsRefusedForItsMagicWithTheFix() {
        byte[] pickle = {(byte) 0x80, 0x04, (byte) 0x95, 0x10, 0, 0, 0};

        assertThatThrownBy(() -> MessageCodec.decode(pickle, "topic object_detection, partition 0, offset 3"))
                .isInstanceOf(LibException.class)
                .hasMessageContaining("topic object_detection, partition 0, offset 3")
                .hasMessageContaining("\"SDN4\"").hasMessageContaining("0x80 0x04 0x95 0x10")
                .hasMessageContaining("pickle").hasMessageContaining("fix:");
        assertThatThrownBy(() -> MessageCodec.decode(new byte[0])).hasMessageContaining("it is empty");
    }

    @Test
    void anUnknownSchemaSuggestsTheClosest() {
        byte[] bytes = message("{\"schema\":\"sedna4j.detected-object\",\"version\":1}");

        assertThatThrownBy(() -> MessageCodec.decode(bytes))
                .isInstanceOf(LibException.class)
                .hasMessageContaining("unknown schema \"sedna4j.detected-object\"")
                .hasMessageContaining("did you mean \"sedna4j.detected-objects\"")
                .hasMessageContaining("fix: send one of [sedna4j.detected-objects, sedna4j.enriched-objects]");
    }

    @Test
    void aNewerVersionAsksToUpgradeTheReceiver() {
        byte[] bytes = message("{\"schema\":\"sedna4j.enriched-objects\",\"version\":3,\"camera\":\"c\"}");

        assertThatThrownBy(() -> MessageCodec.decode(bytes, "POST /objects/enriched_object from 10.0.0.5"))
                .isInstanceOf(LibException.class)
                .hasMessageContaining("from POST /objects/enriched_object from 10.0.0.5")
                .hasMessageContaining("sedna4j.enriched-objects version 3")
                .hasMessageContaining("up to version 2")
                .hasMessageContaining("fix: upgrade Sedna4J on the receiving worker");
    }

    @Test
    void framesAreWrittenAsVersion1AndTheEndOfAStreamAsVersion2WithItsFrameCount() throws Exception {
        DetectedObjects end = new DetectedObjects(Frame.endOfStream("cam-1", "street.mp4", 50,
                Instant.parse("2024-05-01T12:00:10Z"), 48), List.of(), null);

        byte[] bytes = MessageCodec.encode(end);
        JsonNode header = header(bytes);
        ObjectMessage back = MessageCodec.decode(bytes);

        assertThat(header(MessageCodec.encode(Messages.detected("cam-1", 7))).get("version").asInt()).isEqualTo(1);
        assertThat(header.get("version").asInt()).isEqualTo(2);
        assertThat(header.get("endOfStream").toString()).isEqualTo("{\"frames\":48}");
        assertThat(back).isEqualTo(end);
        assertThat(back.frame().isEnd()).isTrue();
        assertThat(back.frame().end().frames()).isEqualTo(48);
        assertThat(MessageCodec.decode(MessageCodec.encode(Messages.detected("cam-1", 7))).frame().isEnd()).isFalse();
    }

    @Test
    void aBadEndOfStreamNamesTheFieldAndAVersion1HeaderHasNone() {
        String v2 = "{\"schema\":\"sedna4j.detected-objects\",\"version\":2,\"camera\":\"c\",\"frame\":5,"
                + "\"timestamp\":0,\"width\":0,\"height\":0,\"objects\":[],\"parts\":0,\"endOfStream\":";

        assertThatThrownBy(() -> MessageCodec.decode(message(v2 + "{\"frames\":-1}}")))
                .isInstanceOf(LibException.class).hasMessageContaining("\"endOfStream.frames\": -1")
                .hasMessageContaining("version 2 expects a whole number from 0");
        assertThatThrownBy(() -> MessageCodec.decode(message(v2 + "true}")))
                .isInstanceOf(LibException.class).hasMessageContaining("\"endOfStream\": true");
        assertThat(MessageCodec.decode(message(v2.replace("\"version\":2", "\"version\":1") + "{\"frames\":3}}"))
                .frame().isEnd()).as("version 1 had no such field: ignored").isFalse();
    }

    private static JsonNode header(byte[] bytes) throws Exception {
        int length = ByteBuffer.wrap(bytes, 4, 4).getInt();
        return JSON.readTree(new String(bytes, 8, length, StandardCharsets.UTF_8));
    }

    @Test
    void aTruncatedPartIsReportedWithWhatIsMissing() {
        byte[] full = MessageCodec.encode(Messages.detected("cam-1", 7));

        assertThatThrownBy(() -> MessageCodec.decode(Arrays.copyOf(full, full.length - 3)))
                .isInstanceOf(LibException.class)
                .hasMessageContaining("is truncated: part 0 declares").hasMessageContaining("max.request.size");
        assertThatThrownBy(() -> MessageCodec.decode(Arrays.copyOf(full, 6)))
                .hasMessageContaining("is truncated: the header has 2 of the 4 bytes of its length");
    }

    @Test
    void aMessageCutBetweenPartsIsCaughtByThePartCount() {
        DetectedObjects d = Messages.detected("cam-1", 7);
        byte[] full = MessageCodec.encode(d);
        int lastPart = 4 + d.objects().get(0).crop().length;

        assertThatThrownBy(() -> MessageCodec.decode(Arrays.copyOf(full, full.length - lastPart)))
                .hasMessageContaining("is truncated: the header declares 1 parts but 0 follow it");
    }

    @Test
    void badFieldsNameTheirPath() {
        String head = "{\"schema\":\"sedna4j.enriched-objects\",\"version\":1,\"camera\":\"c\",\"frame\":1,"
                + "\"timestamp\":\"2024-05-01T12:00:00Z\",\"width\":4,\"height\":3,";

        assertThatThrownBy(() -> MessageCodec.decode(message(head + "\"parts\":1,\"objects\":[{\"track\":1,"
                + "\"box\":[0,0,1],\"score\":0.5,\"crop\":null,\"embedding\":0,\"extractor\":\"x\",\"dimension\":1}]}",
                new byte[4])))
                .hasMessageContaining("\"objects[0].box\": [0,0,1] where sedna4j.enriched-objects version 1 expects "
                        + "[x1, y1, x2, y2]");
        assertThatThrownBy(() -> MessageCodec.decode(message(head + "\"parts\":1,\"objects\":[{\"track\":1,"
                + "\"box\":[0,0,1,1],\"score\":0.5,\"crop\":null,\"embedding\":0,\"extractor\":\"x\",\"dimension\":2}]}",
                new byte[4])))
                .hasMessageContaining("\"objects[0].embedding\": a part of 4 bytes where")
                .hasMessageContaining("expects 2 float32 values (8 bytes)");
        assertThatThrownBy(() -> MessageCodec.decode(message(head + "\"parts\":0,\"objects\":[{\"track\":1,"
                + "\"box\":[0,0,1,1],\"score\":0.5,\"crop\":3,\"embedding\":0,\"extractor\":\"x\",\"dimension\":1}]}")))
                .hasMessageContaining("\"objects[0].crop\": 3 where");
        assertThatThrownBy(() -> MessageCodec.decode(message(head.replace("\"camera\":\"c\",", "")
                + "\"parts\":0,\"objects\":[]}")))
                .hasMessageContaining("\"camera\": null where").hasMessageContaining("fix:");
        assertThatThrownBy(() -> MessageCodec.decode(message(head.replace("\"2024-05-01T12:00:00Z\"", "\"yesterday\"")
                + "\"parts\":0,\"objects\":[]}")))
                .hasMessageContaining("\"timestamp\": \"yesterday\" where").hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> MessageCodec.decode(message("{not json")))
                .hasMessageContaining("header that is not JSON");
    }

    private static byte[] message(String header, byte[]... parts) {
        return Framing.write(header.getBytes(StandardCharsets.UTF_8), List.of(parts));
    }
}
