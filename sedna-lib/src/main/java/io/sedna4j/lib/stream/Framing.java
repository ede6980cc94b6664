package io.sedna4j.lib.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The byte layout of a message (docs/multi-edge-messages.md): magic "SDN4", the header's length, the UTF-8 JSON
 * header, then each binary part as its length and its bytes. Lengths are 4-byte big-endian (network order), so any
 * language reads it with its standard library.
 */
final class Framing {
    static final byte[] MAGIC = "SDN4".getBytes(StandardCharsets.US_ASCII);

    /** A message cut into its JSON header and binary parts. */
    record Envelope(byte[] header, List<byte[]> parts) {
    }

    private Framing() {
    }

    static byte[] write(byte[] header, List<byte[]> parts) {
        long size = MAGIC.length + 4L + header.length;
        for (byte[] part : parts) {
            size += 4L + part.length;
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a message cannot exceed 2 GB: " + size + " bytes");
        }
        ByteBuffer out = ByteBuffer.allocate((int) size);
        out.put(MAGIC).putInt(header.length).put(header);
        for (byte[] part : parts) {
            out.putInt(part.length).put(part);
        }
        return out.array();
    }

    static Envelope read(byte[] bytes, String source) {
        if (bytes.length < MAGIC.length || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw MessageCodec.invalid(source, "does not start with the magic \"SDN4\" (it starts with "
                    + hex(bytes) + (bytes.length > 0 && bytes[0] == (byte) 0x80 ? ", a Python pickle such as "
                    + "Sedna's DetTrackResult" : "") + "), so it is not a Sedna4J object message",
                    "publish with Sedna4J's MessageCodec or write the layout of docs/multi-edge-messages.md");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, MAGIC.length, bytes.length - MAGIC.length);
        byte[] header = chunk(in, "the header", source);
        List<byte[]> parts = new ArrayList<>();
        while (in.hasRemaining()) {
            parts.add(chunk(in, "part " + parts.size(), source));
        }
        return new Envelope(header, parts);
    }

    /** A 4-byte length and that many bytes. */
    private static byte[] chunk(ByteBuffer in, String what, String source) {
        if (in.remaining() < 4) {
            throw truncated(source, what + " has " + in.remaining() + " of the 4 bytes of its length");
        }
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw truncated(source, what + " declares " + Integer.toUnsignedString(length) + " bytes but "
                    + in.remaining() + " remain");
        }
        byte[] data = new byte[length];
        in.get(data);
        return data;
    }

    static io.sedna4j.lib.LibException truncated(String source, String what) {
        return MessageCodec.invalid(source, "is truncated: " + what, "the message was cut on the way; check that "
                + "the broker's message.max.bytes and the producer's max.request.size fit it (10 MB by default)");
    }

    private static String hex(byte[] bytes) {
        if (bytes.length == 0) {
            return "nothing: it is empty";
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(4, bytes.length); i++) {
            s.append(i == 0 ? "0x" : " 0x").append(String.format("%02x", bytes[i] & 0xff));
        }
        return s.toString();
    }
}
