/**
 * Multi-object tracking of detected people, frame to frame on one camera: {@link io.sedna4j.vision.tracking.ByteTracker}
 * (ByteTrack, Sedna's tracker) over a {@link io.sedna4j.vision.tracking.KalmanFilter} per track and optimal
 * {@link io.sedna4j.vision.tracking.LinearAssignment}. Detections in ({@code io.sedna4j.lib.inference.Detection}),
 * {@link io.sedna4j.vision.tracking.Track}s with stable ids out. Pure Java: no images, no natives.
 */
package io.sedna4j.vision.tracking;
