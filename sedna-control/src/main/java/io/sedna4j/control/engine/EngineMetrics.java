package io.sedna4j.control.engine;

/**
 * Counters of the {@link ReconcileEngine}, e.g. for Prometheus.
 *
 * @param reconciles reconciles run so far, failed ones included
 * @param errors     reconciles that threw (each is retried with backoff)
 * @param queueDepth resources waiting for a reconcile now (not counting delayed retries)
 */
public record EngineMetrics(long reconciles, long errors, int queueDepth) {
}
