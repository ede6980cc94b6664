package io.sedna4j.vision;

import io.sedna4j.lib.jointinference.Codec;

/** Images on the wire as JPEG ({@code image/jpeg}): what an edge sends the cloud, instead of Sedna's nested lists. */
public final class ImageCodec implements Codec<Image> {
    private final int quality;

    public ImageCodec() {
        this(JpegCodec.DEFAULT_QUALITY);
    }

    public ImageCodec(int quality) {
        this.quality = quality;
    }

    @Override
    public String contentType() {
        return "image/jpeg";
    }

    @Override
    public byte[] encode(Image value) {
        return JpegCodec.encode(value, quality);
    }

    @Override
    public Image decode(byte[] bytes) {
        return JpegCodec.decode(bytes);
    }
}
