package io.sedna4j.workers.reid;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedna4j.lib.LcClient;
import io.sedna4j.lib.WorkerContext;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A multi-edge inference worker's reports to its Local Controller, every LC_PERIOD (5 s by default: these runs are
 * short) and once more at the end: Sedna's worker info with the statistics as {@code ownerInfo}, which the GM shows
 * as the resource's metrics ({@code sedna describe}). A report is worth less than the work it describes: an
 * unreachable LC is logged by {@link LcClient} and the worker goes on.
 */
final class StreamReport implements AutoCloseable {
    static final Duration DEFAULT_PERIOD = Duration.ofSeconds(5);

    private final WorkerContext ctx;
    private final String ownerKind;
    private final Supplier<ObjectNode> statistics;
    private final LcClient lc;
    private final ScheduledExecutorService timer;
    private String last;

    /** Reports nothing when the worker has no LC_SERVER (run by hand, tests). */
    StreamReport(WorkerContext ctx, String ownerKind, Supplier<ObjectNode> statistics) {
        this.ctx = ctx;
        this.ownerKind = ownerKind;
        this.statistics = statistics;
        boolean lcKnown = ctx.parameter("LC_SERVER").isPresent();
        this.lc = lcKnown ? LcClient.of(ctx) : null;
        if (lc == null) {
            timer = null;
            return;
        }
        long period = ctx.secondsParameter("LC_PERIOD", DEFAULT_PERIOD).toMillis();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, ownerKind + "-report");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> report("running"), period, period, TimeUnit.MILLISECONDS);
    }

    /** Sends the statistics if they changed since the last report. */
    synchronized void report(String status) {
        if (lc == null) {
            return;
        }
        ObjectNode info = statistics.get();
        String text = info.toString();
        if (text.equals(last)) {
            return;
        }
        ObjectNode owner = JsonNodeFactory.instance.objectNode().setAll(info);
        owner.put("updateTime", Instant.now().toString());
        if (lc.post(ctx.workerInfo(ownerKind, "inference", status, owner,
                JsonNodeFactory.instance.arrayNode()))) {
            last = text;
        }
    }

    /** Stops the timer after a last report. */
    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        report("completed");
    }
}
