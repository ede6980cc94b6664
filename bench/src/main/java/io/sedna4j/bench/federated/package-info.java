/**
 * Federated learning benchmarks: FedAvg aggregation throughput against a plain array-sum loop and a memory copy,
 * and the round latency of the aggregation server with many light WebSocket clients (bench/run-federated.sh).
 */
package io.sedna4j.bench.federated;
