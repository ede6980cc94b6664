package io.sedna4j.gm.metrics;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The GM's Prometheus metrics, served at {@code /metrics}. Components register their own meters on
 * {@link #registry()} (link, nodes); this class adds the reconcile engine's counters and the REST requests.
 */
public final class GmMetrics {
    public static final String PATH = "/metrics";
    private static final String STARTED = "sedna.metrics.started";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public MeterRegistry registry() {
        return registry;
    }

    /** Micrometer holds what function meters read weakly: this keeps the engine's suppliers alive with the GM. */
    private Object[] engineMeters;

    /** The reconcile engine's counters, read at each scrape. */
    public void bindEngine(LongSupplier reconciles, LongSupplier errors, IntSupplier queueDepth) {
        engineMeters = new Object[] {reconciles, errors, queueDepth};
        FunctionCounter.builder("sedna_reconciles", reconciles, LongSupplier::getAsLong)
                .description("reconciles run by the engine").register(registry);
        FunctionCounter.builder("sedna_reconcile_errors", errors, LongSupplier::getAsLong)
                .description("reconciles that failed").register(registry);
        Gauge.builder("sedna_reconcile_queue_depth", queueDepth, IntSupplier::getAsInt)
                .description("resources waiting to be reconciled").strongReference(true).register(registry);
    }

    /** {@code GET /metrics}, and a timer of every REST request by method and status. */
    public void install(RoutesConfig routes) {
        routes.get(PATH, ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()));
        routes.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
        routes.after(this::record);
    }

    private void record(Context ctx) {
        Long started = ctx.attribute(STARTED);
        if (started == null || ctx.path().equals(PATH)) {
            return;
        }
        Timer.builder("sedna_rest_requests").description("REST requests served")
                .tag("method", ctx.method().name()).tag("status", Integer.toString(ctx.statusCode()))
                .register(registry).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }
}
