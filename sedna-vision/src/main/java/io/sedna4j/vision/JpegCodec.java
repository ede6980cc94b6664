package io.sedna4j.vision;

import io.sedna4j.lib.LibException;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * JPEG bytes ⇄ {@link Image}: the form frames and crops take on the wire (joint inference, Kafka topics).
 * Quality 90 by default, as Sedna's detection worker encodes its scenes.
 */
public final class JpegCodec {
    public static final int DEFAULT_QUALITY = 90;

    static {
        Natives.load();
    }

    private JpegCodec() {
    }

    public static byte[] encode(Image image) {
        return encode(image, DEFAULT_QUALITY);
    }

    /** {@code quality} 1–100. */
    public static byte[] encode(Image image, int quality) {
        if (quality < 1 || quality > 100) {
            throw new LibException("JPEG quality must be 1..100, got " + quality + "; fix: use e.g. " + DEFAULT_QUALITY);
        }
        MatOfByte out = new MatOfByte();
        try {
            if (!Imgcodecs.imencode(".jpg", image.mat(), out, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, quality))) {
                throw new LibException("JPEG encoding of " + image + " failed; fix: encode a non-empty 8-bit image");
            }
            return out.toArray();
        } finally {
            out.release();
        }
    }

    /** Decodes JPEG (or any format OpenCV reads, such as PNG) into a BGR image. */
    public static Image decode(byte[] bytes) {
        MatOfByte in = new MatOfByte(bytes);
        try {
            Mat m = Imgcodecs.imdecode(in, Imgcodecs.IMREAD_COLOR);
            if (m.empty()) {
                throw new LibException("the " + bytes.length + " bytes given " + (bytes.length > 1 ? "(starting " + String.format("%02x %02x", bytes[0], bytes[1]) + ") " : "")
                        + "are not a decodable image; a JPEG starts ff d8; fix: send the image file's bytes unchanged");
            }
            return Image.own(m);
        } finally {
            in.release();
        }
    }
}
