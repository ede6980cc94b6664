package io.sedna4j.control.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How the {@link ReconcileEngine} paces itself.
 *
 * @param resync     how often every resource is reconciled even without events (catches anything missed)
 * @param minBackoff the first retry delay after a reconcile failed; doubles per consecutive failure
 * @param maxBackoff the cap on that delay
 * @param threads    reconciles running at once (never two for the same resource)
 * @param clock      the time controllers see (condition timestamps); delays use the system's monotonic timer
 */
public record EngineOptions(Duration resync, Duration minBackoff, Duration maxBackoff, int threads, Clock clock) {

    public EngineOptions {
        Objects.requireNonNull(resync, "resync");
        Objects.requireNonNull(minBackoff, "minBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(clock, "clock");
        if (resync.isNegative() || resync.isZero() || minBackoff.isNegative() || minBackoff.isZero()
                || maxBackoff.compareTo(minBackoff) < 0 || threads < 1) {
            throw new IllegalArgumentException("engine options need a positive resync and minBackoff, "
                    + "maxBackoff >= minBackoff and at least one thread; got " + resync + ", " + minBackoff + ", "
                    + maxBackoff + ", " + threads);
        }
    }

    /** Resync every 30 s, back off 1 s to 5 min, 2 threads, the system clock. */
    public static EngineOptions defaults() {
        return new EngineOptions(Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(5), 2,
                Clock.systemUTC());
    }
}
