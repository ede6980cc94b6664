package io.sedna4j.vision.tracking;

import io.sedna4j.lib.inference.Detection;

/** A track's mutable life inside {@link ByteTracker}: its filter, state and counters. */
final class Tracklet {
    final KalmanFilter filter;
    int id; // 0 until confirmed
    TrackState state = TrackState.NEW;
    boolean activated;
    final int startFrame;
    int lastFrame;
    int hits = 1;
    float score;
    int label;

    Tracklet(Detection detection, int frame) {
        this.filter = new KalmanFilter(detection);
        this.startFrame = frame;
        this.lastFrame = frame;
        this.score = detection.score();
        this.label = detection.label();
    }

    Detection box() {
        return filter.box(score, label);
    }

    void predict() {
        filter.predict(state != TrackState.TRACKED);
    }

    /** Matched to {@code detection} in {@code frame}: also brings a lost track back. */
    void update(Detection detection, int frame) {
        filter.update(detection);
        state = TrackState.TRACKED;
        activated = true;
        lastFrame = frame;
        score = detection.score();
        label = detection.label();
        hits++;
    }

    Track snapshot(int frame) {
        return new Track(id, box(), state, frame - startFrame + 1, hits);
    }
}
