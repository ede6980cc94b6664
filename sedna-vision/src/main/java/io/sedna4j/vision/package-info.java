/**
 * Images and video for workers, on OpenCV and FFmpeg from bytedeco (linux-x86_64 natives in Maven jars; no apt).
 *
 * <ul>
 *   <li>{@link io.sedna4j.vision.VideoSource}: frames from a file or an rtsp/rtmp/http(s) stream at a target fps,
 *       damage skipped and counted;</li>
 *   <li>{@link io.sedna4j.vision.Image}, {@link io.sedna4j.vision.JpegCodec}, {@link io.sedna4j.vision.Drawing}:
 *       resize, crop, pad, model tensors, JPEG bytes, boxes and labels;</li>
 *   <li>{@link io.sedna4j.vision.PersonDetector} by name: {@code hog} ({@link io.sedna4j.vision.HogPersonDetector}),
 *       {@code nanodet} and {@code centernet} ({@link io.sedna4j.vision.CocoDetector}, TF.js models from
 *       {@code bin/fetch-models} run by sedna-backend-tfjs), with per-class {@link io.sedna4j.vision.Nms}.</li>
 * </ul>
 *
 * <p><b>Natives.</b> JavaCPP unpacks OpenCV and FFmpeg (about 125 MB) and, with a COCO detector, TensorFlow (about
 * 650 MB) into {@code org.bytedeco.javacpp.cachedir}, by default {@code ~/.javacpp/cache}. A worker sets it under its
 * data directory before its first image or video, with {@code -Dorg.bytedeco.javacpp.cachedir=<data-dir>/native-cache/javacpp}
 * or {@link io.sedna4j.vision.Natives#useCacheDir(java.nio.file.Path)}; the build's tests use
 * {@code target/native-cache/javacpp}. The first use in a fresh cache takes a few seconds; later JVMs reuse it.
 *
 * <p><b>Logs.</b> FFmpeg's own log goes to SLF4J logger {@code io.sedna4j.vision.ffmpeg} at debug; JavaCPP and javacv
 * log through SLF4J too (javacv notes a rejected {@code pixel_format} option at info on every open: harmless).
 * TensorFlow writes a few native INFO lines to standard error on load; {@code TF_CPP_MIN_LOG_LEVEL=1} in the worker's
 * environment silences them.
 */
package io.sedna4j.vision;
