package io.sedna4j.lib.stream;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Test messages: a frame of a camera with two tracked people and small fake JPEG crops. */
final class Messages {
    private Messages() {
    }

    static DetectedObjects detected(String camera, long frame) {
        List<DetectedObject> objects = new ArrayList<>();
        objects.add(new DetectedObject(1, new Box(10, 20, 60, 180), 0.9f, jpeg(camera + frame + "a")));
        objects.add(new DetectedObject(2, new Box(300.5f, 40, 350, 200), 0.62f, null));
        return new DetectedObjects(new Frame(camera, "street.mp4", frame, Instant.ofEpochMilli(1_700_000_000_000L
                + frame * 40), 1280, 720), objects, null);
    }

    static byte[] jpeg(String content) {
        byte[] text = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] bytes = new byte[text.length + 4];
        bytes[0] = (byte) 0xff;
        bytes[1] = (byte) 0xd8;
        System.arraycopy(text, 0, bytes, 2, text.length);
        bytes[bytes.length - 2] = (byte) 0xff;
        bytes[bytes.length - 1] = (byte) 0xd9;
        return bytes;
    }
}
