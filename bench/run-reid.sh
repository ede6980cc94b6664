#!/usr/bin/env bash
# Multi-edge inference (docs/benchmarks.md, "Multi-edge inference"): on the sample video, in one JVM, the bare
# detector loop against the pipeline (video analytics -> feature extraction -> ReID over REST on loopback), the
# cost of each stage, and one throttled edge with static edge placement against auto repartition; then the wall
# time of 'bin/sedna demo reid', start-up included. Output is also kept in bench/target/reid.txt.
#   bench/run-reid.sh                          # defaults: 5 fps, 150 ms of delay per frame extracted at the edge,
#                                              # 3 rounds (medians and bests)
#   bench/run-reid.sh --delay-ms 100 --rounds 5
#   BENCH_NO_BUILD=1 bench/run-reid.sh ...     # run what bench/target/lib holds, without building
# Options: java -cp 'bench/target/lib/*' io.sedna4j.workers.reid.ReidBenchmark --help
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ "${BENCH_NO_BUILD:-0}" != 1 ] || [ ! -f bench/target/lib/bench.jar ]; then
  mvn -q -B -o -DskipTests -pl bench,sedna-cli -am package
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
mkdir -p bench/target
{
  echo "## pipeline (one JVM)"
  "$java" -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp 'bench/target/lib/*' \
    io.sedna4j.workers.reid.ReidBenchmark "$@"
  echo
  echo "## bin/sedna demo reid (wall time, start-up included)"
  start=$(date +%s.%N)
  bin/sedna demo reid --data-dir bench/target/demo-reid | grep -E "target found|close contacts|id switches|wall time"
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "command wall time %.1f s (JVM start of the CLI included)\n", e - s }'
} | tee bench/target/reid.txt
