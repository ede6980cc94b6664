package io.sedna4j.lc;

import java.time.Duration;

/**
 * The Local Controller's clocks. The defaults are the protocol's; tests shorten them.
 *
 * @param reconnectMin      first wait before reconnecting to the GM; doubles up to {@code reconnectMax}
 * @param reconnectMax      longest wait between reconnects, also the wait after the GM refused the token
 * @param ackDelay          acknowledgements to the GM are batched, at most one per this interval
 * @param restartBackoff    first wait before restarting a worker; doubles up to {@code restartBackoffMax}
 * @param restartBackoffMax longest wait between restarts; a run ten times this long resets the backoff
 * @param stopGrace         time between SIGTERM and SIGKILL when stopping a worker
 * @param datasetInterval   how often dataset index files are re-counted
 */
public record LcTimings(Duration reconnectMin, Duration reconnectMax, Duration ackDelay, Duration restartBackoff,
                        Duration restartBackoffMax, Duration stopGrace, Duration datasetInterval) {

    public static LcTimings defaults() {
        return new LcTimings(Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofMillis(100),
                Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    /** A run at least this long counts as healthy: the next failure starts the backoff and the limit afresh. */
    public Duration stableRun() {
        return restartBackoffMax.multipliedBy(10);
    }
}
