/**
 * Messaging of multi-edge inference: what the video analytics, feature extraction and ReID workers send each other,
 * one message per processed frame.
 *
 * <ul>
 *   <li>Messages: {@link io.sedna4j.lib.stream.DetectedObjects} (topic {@code object_detection}) and
 *     {@link io.sedna4j.lib.stream.EnrichedObjects} (topic {@code enriched_object}); bytes by
 *     {@link io.sedna4j.lib.stream.MessageCodec}: magic "SDN4", a versioned JSON header and binary parts (JPEG,
 *     little-endian float32), documented in docs/multi-edge-messages.md.</li>
 *   <li>Transport: {@link io.sedna4j.lib.stream.ObjectPublisher} and {@link io.sedna4j.lib.stream.ObjectSubscriber}
 *     over Kafka (idempotent producer, consumer group, commits after handling) or REST
 *     ({@code POST /objects/{topic}}, retries and a bounded buffer); {@link io.sedna4j.lib.stream.Streams} picks
 *     one from the environment.</li>
 *   <li>Delivery: at least once, de-duplicated on (schema, camera, video, frame), in order per camera.</li>
 * </ul>
 */
package io.sedna4j.lib.stream;
