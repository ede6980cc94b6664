#!/usr/bin/env bash
# Federated learning (docs/benchmarks.md, "Federated learning"): FedAvg aggregation throughput in GB/s of weights
# folded in, against a plain float-array sum loop and a memory copy in the same JVM; then the aggregation server's
# round latency with 1,000 light WebSocket clients in one JVM. Builds the harness and what it measures from this
# checkout, then runs it. Output is also kept in bench/target/federated.txt.
#   bench/run-federated.sh                              # defaults: 16 updates of 1M floats; 1000 clients, 5 rounds
#   bench/run-federated.sh --clients 2000 --rounds 10
#   BENCH_NO_BUILD=1 bench/run-federated.sh ...         # run what bench/target/lib holds, without building
# Options: java -cp 'bench/target/lib/*' io.sedna4j.bench.federated.FederatedBenchmark --help
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ "${BENCH_NO_BUILD:-0}" != 1 ] || [ ! -f bench/target/lib/bench.jar ]; then
  mvn -q -B -DskipTests -pl bench -am package
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
"$java" -Xmx"${BENCH_HEAP:-2g}" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp 'bench/target/lib/*' io.sedna4j.bench.federated.FederatedBenchmark "$@" \
  | tee bench/target/federated.txt
