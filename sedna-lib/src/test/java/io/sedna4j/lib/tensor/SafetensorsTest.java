package io.sedna4j.lib.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sedna4j.lib.LibException;
import io.sedna4j.lib.estimator.NamedTensors;
import io.sedna4j.lib.estimator.NamedTensors.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

    private static NamedTensors sample() {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("layer2.weight", new Tensor(new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, -6.5f}));
        t.put("layer1.bias", new Tensor(new long[] {4}, new float[] {0.25f, Float.NaN, Float.MAX_VALUE, -0f}));
        t.put("scale", new Tensor(new long[] {}, new float[] {3.5f}));
        t.put("empty", new Tensor(new long[] {0, 5}, new float[] {}));
        return new NamedTensors(t);
    }

    /** A file by hand: header length, header JSON, then little-endian floats. */
    private static byte[] file(String header, float... values) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    @Test
    void roundTripKeepsNamesOrderShapesAndValues(@TempDir Path dir) {
        byte[] bytes = Safetensors.write(sample(), Map.of("format", "pt"));
        NamedTensors back = Safetensors.read(bytes);
        assertThat(back.tensors().keySet()).containsExactly("layer2.weight", "layer1.bias", "scale", "empty");
        back.tensors().forEach((name, t) -> {
            Tensor original = sample().tensors().get(name);
            assertThat(t.shape()).as(name).isEqualTo(original.shape());
            assertThat(t.values()).as(name).isEqualTo(original.values()); // NaN and -0 kept bit for bit
        });
        assertThat(Safetensors.metadata(bytes, "x")).containsEntry("format", "pt");

        Path file = dir.resolve("w.safetensors");
        Safetensors.write(sample(), file);
        assertThat(Safetensors.read(file).tensors()).hasSize(4);
    }

    @Test
    void layoutIsTheSafetensorsOne() throws Exception {
        byte[] bytes = Safetensors.write(sample());
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(n % 8).isZero(); // data aligned to 8 bytes
        JsonNode header = new ObjectMapper().readTree(new String(bytes, 8, (int) n, StandardCharsets.UTF_8).trim());
        assertThat(header.path("layer2.weight").path("dtype").asText()).isEqualTo("F32");
        assertThat(header.path("layer2.weight").path("shape").toString()).isEqualTo("[2,3]");
        assertThat(header.path("layer2.weight").path("data_offsets").toString()).isEqualTo("[0,24]");
        assertThat(header.path("layer1.bias").path("data_offsets").toString()).isEqualTo("[24,40]");
        assertThat(header.path("scale").path("data_offsets").toString()).isEqualTo("[40,44]");
        assertThat(header.path("empty").path("data_offsets").toString()).isEqualTo("[44,44]");
        assertThat(bytes.length).isEqualTo(8 + n + 44);
        // -6.5f is the sixth float of the data, little-endian
        float sixth = ByteBuffer.wrap(bytes, (int) (8 + n + 20), 4).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        assertThat(sixth).isEqualTo(-6.5f);
    }

    @Test
    void readsAFileWrittenByAnotherWriter() {
        // the reference writer orders entries by its own rule; the data order is what counts
        byte[] bytes = file("{\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]},"
                + "\"__metadata__\":{\"format\":\"np\"},\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}",
                1.5f, -2f, 7f);
        NamedTensors t = Safetensors.read(bytes);
        assertThat(t.tensors().keySet()).containsExactly("a", "b");
        assertThat(t.tensors().get("a").values()).containsExactly(1.5f, -2f);
        assertThat(t.tensors().get("b").values()).containsExactly(7f);
    }

    @Test
    void badFilesAreRefusedSayingWhatIsWrong() {
        String a = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        assertThatThrownBy(() -> Safetensors.read(new byte[] {1, 2, 3}, "peer trainworker-1"))
                .isInstanceOf(LibException.class)
                .hasMessageContaining("peer trainworker-1 is not valid safetensors")
                .hasMessageContaining("fewer than the 8");
        byte[] truncated = file(a, 1f, 2f);
        assertThatThrownBy(() -> Safetensors.read(java.util.Arrays.copyOf(truncated, truncated.length - 3)))
                .hasMessageContaining("outside the 5 bytes of data");
        byte[] hugeHeader = file(a, 1f, 2f);
        ByteBuffer.wrap(hugeHeader).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1L << 40);
        assertThatThrownBy(() -> Safetensors.read(hugeHeader)).hasMessageContaining("header length");
        assertThatThrownBy(() -> Safetensors.read(file("{not json", 1f))).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> Safetensors.read(file("[1,2]"))).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> Safetensors.read(file(a.replace("F32", "F16"), 1f, 2f)))
                .hasMessageContaining("dtype \"F16\"").hasMessageContaining("only F32");
        assertThatThrownBy(() -> Safetensors.read(file(a.replace("[0,8]", "[0,4]"), 1f, 2f)))
                .hasMessageContaining("needs 8 bytes");
        assertThatThrownBy(() -> Safetensors.read(file(a.replace("[0,8]", "[4,12]"), 1f, 2f, 3f)))
                .hasMessageContaining("starts at byte 4").hasMessageContaining("gap");
        assertThatThrownBy(() -> Safetensors.read(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 1f, 2f, 3f)))
                .hasMessageContaining("overlap");
        assertThatThrownBy(() -> Safetensors.read(file(a, 1f, 2f, 3f))).hasMessageContaining("cover 8 bytes");
        assertThatThrownBy(() -> Safetensors.read(file(a.replace("[2]", "[-2]"), 1f, 2f)))
                .hasMessageContaining("bad shape");
    }

    @Test
    void tensorsWhoseShapeDisagreesWithTheirValuesAreNotWritten() {
        NamedTensors bad = new NamedTensors(Map.of("w", new Tensor(new long[] {2, 2}, new float[] {1, 2, 3})));
        assertThatThrownBy(() -> Safetensors.write(bad)).isInstanceOf(LibException.class)
                .hasMessageContaining("\"w\" has shape [2, 2] (4 values) but 3 values");
    }
}
