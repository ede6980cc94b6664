package io.sedna4j.vision;

import io.sedna4j.lib.LibException;
import java.util.List;
import java.util.Locale;

/** The 80 COCO class names in the order COCO detectors number them (0 = person). */
public final class CocoLabels {
    public static final int PERSON = 0;

    public static final List<String> NAMES = List.of(
            "person", "bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat", "traffic light",
            "fire hydrant", "stop sign", "parking meter", "bench", "bird", "cat", "dog", "horse", "sheep", "cow",
            "elephant", "bear", "zebra", "giraffe", "backpack", "umbrella", "handbag", "tie", "suitcase", "frisbee",
            "skis", "snowboard", "sports ball", "kite", "baseball bat", "baseball glove", "skateboard", "surfboard",
            "tennis racket", "bottle", "wine glass", "cup", "fork", "knife", "spoon", "bowl", "banana", "apple",
            "sandwich", "orange", "broccoli", "carrot", "hot dog", "pizza", "donut", "cake", "chair", "couch",
            "potted plant", "bed", "dining table", "toilet", "tv", "laptop", "mouse", "remote", "keyboard", "cell phone",
            "microwave", "oven", "toaster", "sink", "refrigerator", "book", "clock", "vase", "scissors", "teddy bear",
            "hair drier", "toothbrush");

    private CocoLabels() {
    }

    /** The name of class {@code label}, or "class N" outside 0..79. */
    public static String name(int label) {
        return label >= 0 && label < NAMES.size() ? NAMES.get(label) : "class " + label;
    }

    /** The index of a class name (case-insensitive). */
    public static int index(String name) {
        int i = NAMES.indexOf(name.toLowerCase(Locale.ROOT).trim());
        if (i < 0) {
            throw new LibException("'" + name + "' is not a COCO class; fix: use one of " + NAMES);
        }
        return i;
    }
}
