/**
 * The multi-edge inference workers (Sedna's pedestrian tracking and re-identification), wired by two topics:
 *
 * <pre>
 *  sedna4j/video-analytics (edge, one per camera)  ── object_detection ──►  sedna4j/feature-extraction
 *  (detect, ByteTrack, crops, frame;                                         (an embedding per crop)
 *   features too, when placed at the edge)                                            │ enriched_object
 *                 │ enriched_object                                                   ▼
 *                 └──────────────────────────────►  sedna4j/reid (cloud): match the query person, contacts, report
 * </pre>
 *
 * <ul>
 *   <li>{@link io.sedna4j.workers.reid.VideoAnalyticsWorker}: a VideoAnalyticsJob's worker;</li>
 *   <li>{@link io.sedna4j.workers.reid.FeatureExtractionWorker}: a FeatureExtractionService's worker;</li>
 *   <li>{@link io.sedna4j.workers.reid.ReidWorker}: a ReidJob's worker.</li>
 * </ul>
 *
 * <p>Messages are {@code io.sedna4j.lib.stream}'s (docs/multi-edge-messages.md), over Kafka when the resource has
 * {@code kafkaSupport: true} (the GM injects KAFKA_ENABLED, KAFKA_BIND_IPS and KAFKA_BIND_PORTS), else REST (the GM
 * injects the receivers' URLs). Where a camera's features are extracted is decided frame by frame
 * ({@link io.sedna4j.workers.reid.PlacementPolicy}, {@link io.sedna4j.workers.reid.Repartition}). A camera's stream
 * ends with an {@link io.sedna4j.workers.reid.EndOfStream} (header version 2, with the number of frames sent), which
 * the ReID job counts to know when every camera is done. The workers report their statistics to their LC
 * ({@link io.sedna4j.workers.reid.StreamReport}).
 */
package io.sedna4j.workers.reid;
