/**
 * TF.js graph models (a {@code model.json} and {@code .bin} weight shards from {@code tensorflowjs_converter}) in
 * TensorFlow Java: {@link io.sedna4j.backend.tfjs.TfjsGraphModel} loads and runs one,
 * {@link io.sedna4j.backend.tfjs.TfjsEstimator} is Sedna's estimator over it (inference only).
 *
 * <p>TensorFlow's natives (about 700 MB unpacked, linux-x86_64 only) are unpacked by JavaCPP into
 * {@code org.bytedeco.javacpp.cachedir} (default {@code ~/.javacpp/cache}) on first use, which takes a few seconds;
 * workers point it under their data directory. The models sedna-vision uses come from {@code bin/fetch-models}.
 */
package io.sedna4j.backend.tfjs;
