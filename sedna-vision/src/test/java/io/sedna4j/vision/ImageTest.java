package io.sedna4j.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.estimator.NamedTensors;
import io.sedna4j.lib.inference.Detection;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageTest {
    @TempDir
    Path dir;

    static double meanAbsoluteDifference(Image a, Image b) {
        byte[] x = a.toBgr();
        byte[] y = b.toBgr();
        long sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += Math.abs((x[i] & 0xff) - (y[i] & 0xff));
        }
        return (double) sum / x.length;
    }

    @Test
    void jpegRoundTripKeepsSizeAndLooksTheSame() {
        try (Image crop = Image.read(SampleMedia.crop(1)); Image back = JpegCodec.decode(JpegCodec.encode(crop))) {
            assertThat(back.width()).isEqualTo(crop.width());
            assertThat(back.height()).isEqualTo(crop.height());
            assertThat(meanAbsoluteDifference(crop, back)).isLessThan(3.0);
            assertThat(JpegCodec.encode(crop, 30).length).isLessThan(JpegCodec.encode(crop, 95).length);
        }
    }

    @Test
    void jpegStartsWithTheJpegMarkerAndGarbageIsRefused() {
        try (Image blank = Image.blank(32, 16, Color.RED)) {
            byte[] jpeg = JpegCodec.encode(blank);
            assertThat(jpeg[0]).isEqualTo((byte) 0xff);
            assertThat(jpeg[1]).isEqualTo((byte) 0xd8);
        }
        assertThatThrownBy(() -> JpegCodec.decode("hello".getBytes())).isInstanceOf(LibException.class)
                .hasMessageContaining("5 bytes").hasMessageContaining("ff d8");
        assertThatThrownBy(() -> JpegCodec.encode(Image.blank(2, 2, Color.RED), 0)).isInstanceOf(LibException.class);
    }

    @Test
    void tensorsComeInTheLayoutAndChannelOrderAsked() {
        // one red pixel, one blue pixel: BGR bytes (0,0,255) and (255,0,0)
        try (Image img = Image.fromBgr(2, 1, new byte[] {0, 0, (byte) 255, (byte) 255, 0, 0})) {
            NamedTensors.Tensor nhwc = img.toTensor(TensorLayout.NHWC, ChannelOrder.RGB, 1);
            assertThat(nhwc.shape()).containsExactly(1, 1, 2, 3);
            assertThat(nhwc.values()).containsExactly(255, 0, 0, 0, 0, 255);
            NamedTensors.Tensor nchw = img.toTensor(TensorLayout.NCHW, ChannelOrder.RGB, 1f / 255);
            assertThat(nchw.shape()).containsExactly(1, 3, 1, 2);
            assertThat(nchw.values()).containsExactly(1, 0, 0, 0, 0, 1);
            assertThat(img.toTensor(TensorLayout.NHWC, ChannelOrder.BGR, 1).values()).containsExactly(0, 0, 255, 255, 0, 0);
        }
    }

    @Test
    void resizeCropAndPadGiveTheSizesAsked() {
        try (Image img = Image.blank(100, 50, Color.GREEN)) {
            assertThat(img.resize(40, 30)).extracting(Image::width, Image::height).containsExactly(40, 30);
            assertThat(img.scale(0.5)).extracting(Image::width, Image::height).containsExactly(50, 25);
            // a crop is clipped to the image
            assertThat(img.crop(90, 40, 30, 30)).extracting(Image::width, Image::height).containsExactly(10, 10);
            assertThat(img.crop(new Detection(10.4f, 5.5f, 20.2f, 15f, 0.9f, 0))).extracting(Image::width, Image::height)
                    .containsExactly(11, 10);
            assertThat(img.pad(1, 2, 3, 4, Color.BLACK)).extracting(Image::width, Image::height).containsExactly(107, 53);
            assertThatThrownBy(() -> img.crop(200, 0, 10, 10)).isInstanceOf(LibException.class).hasMessageContaining("outside");
        }
    }

    @Test
    void bgrBytesRoundTripAndFilesReadBack() {
        byte[] bgr = new byte[4 * 3 * 3];
        for (int i = 0; i < bgr.length; i++) {
            bgr[i] = (byte) (i * 7);
        }
        try (Image img = Image.fromBgr(4, 3, bgr)) {
            assertThat(img.toBgr()).containsExactly(bgr);
            Path png = dir.resolve("x.png");
            img.write(png);
            try (Image back = Image.read(png)) {
                assertThat(back.toBgr()).containsExactly(bgr);
            }
        }
        assertThatThrownBy(() -> Image.fromBgr(4, 3, new byte[5])).isInstanceOf(LibException.class).hasMessageContaining("36 bytes");
        assertThatThrownBy(() -> Image.read(dir.resolve("none.jpg"))).isInstanceOf(LibException.class).hasMessageContaining("none.jpg");
    }
}
