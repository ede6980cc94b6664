/**
 * Person re-identification: finding the person of a few query photos among tracked people, and who came close to them.
 *
 * <ul>
 *   <li>{@link io.sedna4j.vision.reid.FeatureExtractor}: an L2-normalised appearance vector per person crop, either
 *       {@link io.sedna4j.vision.reid.AppearanceDescriptor} (handcrafted colour and gradient stripes, no model) or
 *       {@link io.sedna4j.vision.reid.OnnxFeatureExtractor} (a user's ONNX ReID model);</li>
 *   <li>{@link io.sedna4j.vision.reid.Matcher}: cosine similarity with the queries, {@code match_thresh}, a moving
 *       average with hysteresis per track, at most one target per camera and frame;</li>
 *   <li>{@link io.sedna4j.vision.reid.ContactEstimator}: foot-to-foot distance to the target in body heights, episodes
 *       of closeness that last long enough become {@link io.sedna4j.vision.reid.Contact}s.</li>
 * </ul>
 *
 * <p>A worker wires them per frame: detect, {@code ByteTracker.update}, crop each track, {@code extract},
 * {@code Matcher.match}, {@code ContactEstimator.update} with the target's track id; {@code finish()} at the end.
 */
package io.sedna4j.vision.reid;
