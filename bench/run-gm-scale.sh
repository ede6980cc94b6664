#!/usr/bin/env bash
# How the Global Manager scales with the number of connected Local Controllers (docs/benchmarks.md,
# "GM scale"). Builds the harness and what it measures from this checkout, then runs it: each N in a fresh JVM
# with the heap given here.
#   bench/run-gm-scale.sh                       # N = 100, 500, 1000, 2000, then 5000, 10000 while they pass
#   bench/run-gm-scale.sh --nodes 2000          # one N
#   BENCH_HEAP=2g bench/run-gm-scale.sh ...     # another heap (default 1g)
#   BENCH_NO_BUILD=1 bench/run-gm-scale.sh ...  # run what bench/target/lib holds, without building
# Options: java -cp 'bench/target/lib/*' io.sedna4j.bench.GmScaleBenchmark --help
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ "${BENCH_NO_BUILD:-0}" != 1 ] || [ ! -f bench/target/lib/bench.jar ]; then
  # the GM, control and API as they are in this checkout: a benchmark measures the code it stands next to
  mvn -q -B -DskipTests -pl bench -am package
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java" -Xmx"${BENCH_HEAP:-1g}" -cp 'bench/target/lib/*' io.sedna4j.bench.GmScaleBenchmark "$@"
