package io.sedna4j.lib.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sedna4j.lib.LibException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
    /** Two 2×3 "images": 0..5 and 250..255. */
    private static final byte[] IMAGES = bytes(0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3,
            0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255);

    @TempDir
    Path dir;

    @Test
    void readsDimensionsAndUnsignedValuesPlainAndGzipped() throws IOException {
        Path plain = Files.write(dir.resolve("images-idx3-ubyte"), IMAGES);
        Path gzipped = Files.write(dir.resolve("images-idx3-ubyte.gz"), gzip(IMAGES));

        for (Path file : new Path[] {plain, gzipped}) {
            Idx idx = Idx.read(file);
            assertThat(idx.dims()).containsExactly(2, 2, 3);
            assertThat(idx.count()).isEqualTo(2);
            assertThat(idx.itemSize()).isEqualTo(6);
            assertThat(idx.value(0, 5)).isEqualTo(5);
            assertThat(idx.value(1, 0)).isEqualTo(250);
            assertThat(idx.value(1, 5)).isEqualTo(255);
        }
        Idx labels = Idx.read(Files.write(dir.resolve("labels"), bytes(0, 0, 8, 1, 0, 0, 0, 3, 7, 0, 9)));
        assertThat(labels.dims()).containsExactly(3);
        assertThat(labels.itemSize()).isEqualTo(1);
        assertThat(labels.value(2, 0)).isEqualTo(9);
    }

    @Test
    void truncatedDataSaysWhereItEndsAndWhatWasExpected() throws IOException {
        Path file = Files.write(dir.resolve("short-idx3-ubyte"), Arrays.copyOf(IMAGES, IMAGES.length - 2));

        assertThatThrownBy(() -> Idx.read(file)).isInstanceOf(LibException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("truncated")
                .hasMessageContaining("at offset 26").hasMessageContaining("12 values for dimensions [2, 2, 3]")
                .hasMessageContaining("fix:");
        Path header = Files.write(dir.resolve("header-idx3-ubyte"), Arrays.copyOf(IMAGES, 9));
        assertThatThrownBy(() -> Idx.read(header)).hasMessageContaining("size of dimension 1 of 3")
                .hasMessageContaining("(4 bytes from offset 8)");
    }

    @Test
    void wrongMagicTrailingBytesAndBrokenGzipAreNamed() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello, world");
        assertThatThrownBy(() -> Idx.read(text)).isInstanceOf(LibException.class)
                .hasMessageContaining(text.toString()).hasMessageContaining("magic number is 68 65 6c 6c")
                .hasMessageContaining("expected 00 00 08");
        Path floats = Files.write(dir.resolve("floats-idx1"), bytes(0, 0, 0x0d, 1, 0, 0, 0, 0));
        assertThatThrownBy(() -> Idx.read(floats)).hasMessageContaining("magic number is 00 00 0d 01");

        byte[] longer = Arrays.copyOf(IMAGES, IMAGES.length + 1);
        Path trailing = Files.write(dir.resolve("long-idx3-ubyte"), longer);
        assertThatThrownBy(() -> Idx.read(trailing)).hasMessageContaining("data goes on after the 12 values");

        byte[] gz = gzip(IMAGES);
        Path cut = Files.write(dir.resolve("cut-idx3-ubyte.gz"), Arrays.copyOf(gz, gz.length / 2));
        assertThatThrownBy(() -> Idx.read(cut)).isInstanceOf(LibException.class)
                .hasMessageContaining(cut.toString()).hasMessageContaining("fix:");
        Path notGzip = Files.write(dir.resolve("plain-idx3-ubyte.gz"), IMAGES);
        assertThatThrownBy(() -> Idx.read(notGzip)).isInstanceOf(LibException.class)
                .hasMessageContaining(notGzip.toString()).hasMessageContaining("Not in GZIP format");

        assertThatThrownBy(() -> Idx.read(dir.resolve("absent.gz"))).isInstanceOf(LibException.class)
                .hasMessageContaining("does not exist").hasMessageContaining("dataset-fashion-mnist");
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
