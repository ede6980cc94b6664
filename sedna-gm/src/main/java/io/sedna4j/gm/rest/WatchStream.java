package io.sedna4j.gm.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.control.Subscription;
import io.sedna4j.gm.Json;
import io.sedna4j.gm.store.Change;
import io.sedna4j.gm.store.SqliteResourceStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * {@code ?watch=true}: a chunked response of newline-delimited JSON events ({@code {"type","object"}}), open until
 * the client goes, {@code timeoutSeconds} pass or the GM stops. While idle, a bare newline every
 * {@value #KEEPALIVE_SECONDS} s finds clients that went away (JSON stream readers, kubectl's too, skip
 * whitespace; line readers must skip empty lines).
 */
final class WatchStream {
    static final int KEEPALIVE_SECONDS = 15;
    /** A client this far behind is cut off, as Kubernetes does; it lists and watches again. */
    private static final int MAX_BACKLOG = 10_000;

    private WatchStream() {
    }

    static void serve(Context ctx, SqliteResourceStore store, Kind kind, String namespace, BooleanSupplier stopping) {
        Predicate<JsonNode> selector = Selectors.of(ctx.queryParam("labelSelector"), ctx.queryParam("fieldSelector"));
        boolean selective = !Selectors.isEmpty(ctx.queryParam("labelSelector"), ctx.queryParam("fieldSelector"));
        boolean table = Tables.wanted(ctx);
        BlockingQueue<Change> queue = new ArrayBlockingQueue<>(MAX_BACKLOG);
        AtomicBoolean overflow = new AtomicBoolean();
        String from = ctx.queryParam("resourceVersion");
        Subscription subscription;
        try {
            subscription = store.watch(kind, namespace, from,
                    c -> !selective || selector.test(Json.parse(c.json())),
                    c -> {
                        if (!queue.offer(c)) {
                            overflow.set(true);
                        }
                    });
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("resourceVersion \"" + from + "\" is not a number; fix: give the "
                    + "metadata.resourceVersion of a list, or leave it out");
        }
        long deadline = deadline(ctx.queryParam("timeoutSeconds"));
        try {
            ctx.res().setStatus(200);
            ctx.res().setContentType("application/json");
            OutputStream out = ctx.res().getOutputStream();
            out.flush(); // the client sees the 200 at once, before any event
            long idleSince = System.nanoTime();
            while (!stopping.getAsBoolean() && !overflow.get() && System.nanoTime() < deadline) {
                Change c = queue.poll(250, TimeUnit.MILLISECONDS);
                if (c == null) {
                    if (System.nanoTime() - idleSince > TimeUnit.SECONDS.toNanos(KEEPALIVE_SECONDS)) {
                        out.write('\n');
                        out.flush();
                        idleSince = System.nanoTime();
                    }
                    continue;
                }
                for (; c != null; c = queue.poll()) {
                    out.write(line(c, table).getBytes(StandardCharsets.UTF_8));
                }
                out.flush();
                idleSince = System.nanoTime();
            }
        } catch (IOException e) {
            // the client went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            subscription.close();
        }
    }

    private static String line(Change c, boolean table) {
        if (!table) {
            return c.toWatchLine() + "\n";
        }
        ObjectNode event = Json.object();
        event.put("type", c.type().name());
        event.set("object", Tables.tableNode(Tables.RESOURCES, List.of(Json.parse(c.json())),
                Long.toString(c.resourceVersion()), false));
        return Json.write(event) + "\n";
    }

    private static long deadline(String timeoutSeconds) {
        if (timeoutSeconds == null || timeoutSeconds.isEmpty()) {
            return Long.MAX_VALUE;
        }
        try {
            return System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(timeoutSeconds));
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("timeoutSeconds \"" + timeoutSeconds + "\" is not a number of seconds");
        }
    }
}
