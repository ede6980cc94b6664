/**
 * Joint inference benchmark: what serving an ONNX model through {@code BigModelService} costs against calling ONNX
 * Runtime in process, in throughput (concurrent clients) and in added latency (one client). See
 * {@code docs/benchmarks.md}, "Joint inference".
 */
package io.sedna4j.bench.jointinference;
