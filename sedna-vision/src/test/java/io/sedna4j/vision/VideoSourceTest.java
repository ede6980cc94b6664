package io.sedna4j.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.sedna4j.lib.LibException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoSourceTest {
    @TempDir
    Path dir;

    /** Reads the whole source; returns the frame indices, closing each frame. */
    static List<Long> indices(VideoSource video) {
        List<Long> out = new ArrayList<>();
        for (Frame f : video) {
            out.add(f.index());
            f.close();
        }
        return out;
    }

    @Test
    void decodesAll239FramesOfTheSampleInOrderWithTimestamps() {
        try (VideoSource video = VideoSource.open(SampleMedia.video().toString())) {
            assertThat(video.width()).isEqualTo(720);
            assertThat(video.height()).isEqualTo(1280);
            assertThat(video.sourceFps()).isCloseTo(23.976, org.assertj.core.data.Offset.offset(0.01));
            assertThat(video.declaredFrames()).isEqualTo(239);
            try (Frame first = video.read()) {
                assertThat(first.index()).isZero();
                assertThat(first.timestamp()).isEqualTo(Duration.ZERO);
                assertThat(first.image().width()).isEqualTo(720);
                assertThat(first.image().height()).isEqualTo(1280);
            }
            Duration previous = Duration.ZERO;
            long count = 1;
            for (Frame f : video) {
                assertThat(f.index()).isEqualTo(count);
                assertThat(f.timestamp()).isGreaterThan(previous);
                previous = f.timestamp();
                count++;
                f.close();
            }
            assertThat(count).isEqualTo(239);
            assertThat(previous).isBetween(Duration.ofMillis(9900), Duration.ofMillis(9970));
            assertThat(video.skippedFrames()).isZero();
            assertThat(video.decodedFrames()).isEqualTo(239);
        }
    }

    @Test
    void samplesAtFiveFpsByStreamTime() {
        try (VideoSource video = VideoSource.open("file://" + SampleMedia.video().toAbsolutePath(), 5)) {
            List<Duration> times = new ArrayList<>();
            for (Frame f : video) {
                times.add(f.timestamp());
                f.close();
            }
            // 9.93 s of video, the first frame at or after each 0.2 s tick: 50 frames, 4 or 5 source frames apart
            assertThat(times).hasSize(50);
            for (int i = 1; i < times.size(); i++) {
                assertThat(times.get(i).minus(times.get(i - 1))).isBetween(Duration.ofMillis(166), Duration.ofMillis(209));
            }
            assertThat(times.get(49)).isBetween(Duration.ofMillis(9800), Duration.ofMillis(9842));
            assertThat(video.decodedFrames()).isEqualTo(239);
            assertThat(video.emittedFrames()).isEqualTo(50);
        }
    }

    @Test
    void damagedMiddleSkipsAndCountsTheLostFramesWithoutFailing() throws Exception {
        byte[] bytes = Files.readAllBytes(SampleMedia.video());
        byte[] noise = new byte[60_000];
        new Random(1).nextBytes(noise);
        System.arraycopy(noise, 0, bytes, bytes.length / 2, noise.length);
        Path damaged = dir.resolve("damaged.mp4");
        Files.write(damaged, bytes);
        try (VideoSource video = VideoSource.open(damaged.toString())) {
            List<Long> indices = indices(video);
            assertThat(video.skippedFrames()).isPositive();
            assertThat(indices.size() + video.skippedFrames()).isEqualTo(239);
            assertThat(indices).hasSizeGreaterThan(200).isSorted().doesNotHaveDuplicates();
            assertThat(indices.get(indices.size() - 1)).isEqualTo(238);
        }
    }

    @Test
    void truncatedFileDecodesUpToTheCutAndCountsTheRestAsSkipped() throws Exception {
        byte[] bytes = Files.readAllBytes(SampleMedia.video());
        Path truncated = dir.resolve("truncated.mp4");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        try (VideoSource video = VideoSource.open(truncated.toString())) {
            List<Long> indices = indices(video);
            assertThat(indices).hasSizeBetween(100, 140);
            assertThat(indices.get(0)).isZero();
            assertThat(video.skippedFrames()).isEqualTo(239 - indices.size());
        }
    }

    @Test
    void missingFileIsALibExceptionNamingIt() {
        Path absent = dir.resolve("no-such-video.mp4");
        assertThatThrownBy(() -> VideoSource.open(absent.toString(), 5)).isInstanceOf(LibException.class)
                .hasMessageContaining(absent.toString()).hasMessageContaining("does not exist").hasMessageContaining("fix:");
    }

    @Test
    void fileThatIsNotAVideoIsALibExceptionSayingWhy() throws Exception {
        Path text = dir.resolve("notes.mp4");
        Files.writeString(text, "this is not a video\n".repeat(100));
        assertThatThrownBy(() -> VideoSource.open(text.toString())).isInstanceOf(LibException.class)
                .hasMessageContaining("cannot open video " + text).hasMessageContaining("ffprobe");
    }

    @Test
    void unreachableStreamFailsFastWithItsPasswordMasked() {
        String url = "rtsp://admin:secret@127.0.0.1:1/live";
        assertThatThrownBy(() -> VideoSource.open(url, 5, Duration.ofSeconds(2))).isInstanceOf(LibException.class)
                .hasMessageContaining("rtsp://admin:***@127.0.0.1:1/live").hasMessageNotContaining("secret")
                .hasMessageContaining("reachable");
    }

    @Test
    void objectStoreAddressesAreRefusedWithTheFix() {
        assertThatThrownBy(() -> VideoSource.open("s3://videos/cam1.mp4")).isInstanceOf(LibException.class)
                .hasMessageContaining("s3://").hasMessageContaining("download");
    }

    @Test
    void negativeFpsIsRefused() {
        assertThatThrownBy(() -> VideoSource.open(SampleMedia.video().toString(), -1)).isInstanceOf(LibException.class)
                .hasMessageContaining("fps");
    }

    @Test
    void httpUrlIsHandedToFfmpegAndStreamed() throws Exception {
        byte[] bytes = Files.readAllBytes(SampleMedia.video());
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/cam/video.mp4", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "video/mp4");
            exchange.sendResponseHeaders(200, bytes.length);
            try (var out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        try (VideoSource video = VideoSource.open("http://127.0.0.1:" + server.getAddress().getPort() + "/cam/video.mp4", 2)) {
            assertThat(video.isStream()).isTrue();
            assertThat(indices(video)).hasSize(20); // 2 fps over 9.93 s
            assertThat(video.decodedFrames()).isEqualTo(239);
        } finally {
            server.stop(0);
        }
    }
}
