package io.sedna4j.workers.reid;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumMap;
import java.util.Map;

/** Time spent per stage of a camera's pipeline, summed over its frames: where a frame's time goes. */
final class StageTimes {
    /** A camera's stages in order; MATCH is the ReID job's (matching, contacts, the annotated frame). */
    enum Stage { DECODE, DETECT, TRACK, CROP, EXTRACT, PUBLISH, MATCH }

    private final Map<Stage, long[]> totals = new EnumMap<>(Stage.class); // {nanos, count}

    synchronized void add(Stage stage, long nanos) {
        long[] t = totals.computeIfAbsent(stage, s -> new long[2]);
        t[0] += nanos;
        t[1]++;
    }

    /** Mean milliseconds per time the stage ran; 0 if it never did. */
    synchronized double meanMs(Stage stage) {
        long[] t = totals.get(stage);
        return t == null || t[1] == 0 ? 0 : t[0] / 1e6 / t[1];
    }

    synchronized long count(Stage stage) {
        long[] t = totals.get(stage);
        return t == null ? 0 : t[1];
    }

    /** {"decode": ms per frame, ...} for the stages that ran. */
    synchronized ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        totals.forEach((s, t) -> o.put(s.name().toLowerCase(java.util.Locale.ROOT),
                Math.round(t[0] / 1e4 / Math.max(1, t[1])) / 100.0));
        return o;
    }
}
