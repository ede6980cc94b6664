#!/usr/bin/env bash
# Joint inference, cloud side (docs/benchmarks.md, "Joint inference"): an ONNX MLP served by BigModelService on
# loopback against the same model called in process — throughput with 8 concurrent callers, latency of one.
# Builds the harness and what it measures from this checkout, then runs it twice, one JVM each: as shipped, then
# with TCP_NODELAY on the JDK HTTP server's connections (a static JDK setting, hence a JVM of its own). Output is
# also kept in bench/target/joint-inference.txt.
#   bench/run-joint-inference.sh                          # defaults: 8 callers, 2 s warm-up, 2000 requests or 8 s
#   bench/run-joint-inference.sh --widths 1024,2048,2048,10
#   BENCH_NO_BUILD=1 bench/run-joint-inference.sh ...     # run what bench/target/lib holds, without building
# Options: java -cp 'bench/target/lib/*' io.sedna4j.bench.jointinference.JointInferenceBenchmark --help
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ "${BENCH_NO_BUILD:-0}" != 1 ] || [ ! -f bench/target/lib/bench.jar ]; then
  mvn -q -B -o -DskipTests -pl bench -am package
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
mkdir -p bench/target
opts=(-Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp 'bench/target/lib/*')
main=io.sedna4j.bench.jointinference.JointInferenceBenchmark
{
  echo "## as shipped"
  "$java" "${opts[@]}" "$main" "$@"
  echo
  echo "## TCP_NODELAY on the service's connections"
  "$java" "${opts[@]}" "$main" --tcp-nodelay "$@"
} | tee bench/target/joint-inference.txt
