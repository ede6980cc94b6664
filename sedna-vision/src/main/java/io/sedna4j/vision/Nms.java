package io.sedna4j.vision;

import io.sedna4j.lib.inference.Detection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Greedy non-maximum suppression per class: of boxes of one label that overlap by more than the IoU threshold, only
 * the highest-scoring stays. Boxes of different labels never suppress each other (a person and a backpack overlap).
 */
public final class Nms {
    private Nms() {
    }

    public static List<Detection> apply(List<Detection> detections, float iouThreshold) {
        return apply(detections, iouThreshold, Integer.MAX_VALUE);
    }

    /** The kept boxes, best first, at most {@code max} of them. */
    public static List<Detection> apply(List<Detection> detections, float iouThreshold, int max) {
        List<Detection> sorted = new ArrayList<>(detections);
        sorted.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> kept = new ArrayList<>();
        for (Detection candidate : sorted) {
            if (kept.size() >= max) {
                break;
            }
            boolean suppressed = false;
            for (Detection k : kept) {
                if (k.label() == candidate.label() && iou(k, candidate) > iouThreshold) {
                    suppressed = true;
                    break;
                }
            }
            if (!suppressed) {
                kept.add(candidate);
            }
        }
        return kept;
    }

    /** Intersection over union of two boxes, 0 when either is empty. */
    public static float iou(Detection a, Detection b) {
        float iw = Math.min(a.x2(), b.x2()) - Math.max(a.x1(), b.x1());
        float ih = Math.min(a.y2(), b.y2()) - Math.max(a.y1(), b.y1());
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        float inter = iw * ih;
        float union = area(a) + area(b) - inter;
        return union <= 0 ? 0 : inter / union;
    }

    private static float area(Detection d) {
        return Math.max(0, d.width()) * Math.max(0, d.height());
    }
}
