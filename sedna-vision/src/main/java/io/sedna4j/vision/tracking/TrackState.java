package io.sedna4j.vision.tracking;

/** Where a track is in its life, ByteTrack's states. */
public enum TrackState {
    /** Seen once after the first frame; becomes {@link #TRACKED} when matched again in the next frame. */
    NEW,
    /** Matched to a detection in the latest frame. */
    TRACKED,
    /** Not matched lately; kept (and predicted) for the track buffer so the object can come back with its id. */
    LOST,
    /** Gone for good. */
    REMOVED
}
