package io.sedna4j.vision.tracking;

import io.sedna4j.lib.inference.Detection;

/**
 * One tracked object in one frame, as {@link ByteTracker#update} reports it.
 *
 * @param id    stable across frames, from 1, given when the track is confirmed
 * @param box   the Kalman filter's box in the frame's pixels; its score is that of the last matched detection, its
 *              label that detection's label
 * @param state {@link TrackState#TRACKED} for what {@code update} returns; other states for {@link ByteTracker#lost()}
 * @param age   frames since the track started, counting this one
 * @param hits  detections matched to it so far
 */
public record Track(int id, Detection box, TrackState state, int age, int hits) {
    /** The last matched detection's score. */
    public float score() {
        return box.score();
    }
}
