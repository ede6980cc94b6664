package io.sedna4j.bench;

import static io.sedna4j.bench.GmScaleBenchmark.fmt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The GM scale figures as Markdown tables, one row per N, ready for docs/benchmarks.md. */
final class Report {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<JsonNode> runs = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();

    void add(JsonNode run) {
        runs.add(run);
    }

    void skip(int n, String why) {
        skipped.add("N=" + n + ": " + why);
    }

    ArrayNode results() {
        ArrayNode a = JSON.createArrayNode();
        runs.forEach(a::add);
        return a;
    }

    String lastRow() {
        return "| nodes | connect s | heap/node KB | job→Running s | p50 ms | p99 ms | reconciles/s (count) | max heap MB: after GC / used | status |\n"
                + mainRow(runs.get(runs.size() - 1));
    }

    private static String mainRow(JsonNode r) {
        JsonNode gm = r.path("gm");
        return "| " + r.path("nodes").asInt() + " | " + num(gm, "connectSeconds", 1) + " | " + num(gm, "heapPerNodeKB", 1)
                + " | " + num(gm, "jobToRunningSeconds", 2) + " | " + num(gm, "p50Ms", 0) + " | " + num(gm, "p99Ms", 0)
                + " | " + num(gm, "reconcilesPerSecond", 2) + " (" + gm.path("reconciles").asText("–") + ")"
                + " | " + (gm.path("collections").asLong(1) == 0 ? "no GC" : num(gm, "peakHeapAfterGcMB", 0)) + " / "
                + num(gm, "peakHeapUsedMB", 0) + " | " + status(r) + " |";
    }

    private static String status(JsonNode r) {
        String s = r.path("status").asText("?");
        return "ok".equals(s) ? "ok" : s + ": " + r.path("failure").asText("").replace("|", "/");
    }

    String markdown(GmScaleBenchmark.Args args) {
        StringBuilder s = new StringBuilder();
        s.append("### The GM\n\n");
        s.append("| nodes | connect s | heap/node KB | job→Running s | p50 ms | p99 ms | reconciles/s (count) | max heap MB: after GC / used | status |\n");
        s.append("|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        runs.forEach(r -> s.append(mainRow(r)).append('\n'));
        skipped.forEach(k -> s.append("\n").append(k).append('\n'));

        s.append("\n### Transport-only baseline (same JVM, same clients, bare Javalin WebSocket endpoint)\n\n");
        s.append("| nodes | connect s | heap/node KB | worker/run only s | p50 ms | p99 ms | replay of GM frames s | replay p99 ms |\n");
        s.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (JsonNode r : runs) {
            JsonNode b = r.path("baseline");
            s.append("| ").append(r.path("nodes").asInt()).append(" | ").append(num(b, "connectSeconds", 2))
                    .append(" | ").append(num(b, "heapPerNodeKB", 1))
                    .append(" | ").append(num(b.path("runsOnly"), "seconds", 3))
                    .append(" | ").append(num(b.path("runsOnly"), "p50Ms", 0))
                    .append(" | ").append(num(b.path("runsOnly"), "p99Ms", 0))
                    .append(" | ").append(num(b.path("replay"), "seconds", 2))
                    .append(" | ").append(num(b.path("replay"), "p99Ms", 0)).append(" |");
            if (b.has("failure")) {
                s.append(" ").append(b.path("failure").asText().replace("|", "/"));
            }
            s.append('\n');
        }

        s.append("\n### Ratios, GM ÷ baseline\n\n");
        s.append("| nodes | connect | heap/node | job→Running ÷ worker/run only | p99 ÷ worker/run-only p99 | job→Running ÷ replay |\n");
        s.append("|---:|---:|---:|---:|---:|---:|\n");
        for (JsonNode r : runs) {
            JsonNode gm = r.path("gm");
            JsonNode b = r.path("baseline");
            s.append("| ").append(r.path("nodes").asInt())
                    .append(" | ").append(ratio(gm, "connectSeconds", b, "connectSeconds"))
                    .append(" | ").append(ratio(gm, "heapPerNodeKB", b, "heapPerNodeKB"))
                    .append(" | ").append(ratio(gm, "jobToRunningSeconds", b.path("runsOnly"), "seconds"))
                    .append(" | ").append(ratio(gm, "p99Ms", b.path("runsOnly"), "p99Ms"))
                    .append(" | ").append(ratio(gm, "jobToRunningSeconds", b.path("replay"), "seconds"))
                    .append(" |\n");
        }

        s.append("\n### What the GM did for the job (from its creation until the GM fell quiet)\n\n");
        s.append("| nodes | datasets s | job status writes | settled s | frames to nodes until Running: insert / "
                + "worker/run / ack | MB to nodes until settled | GM link latency mean / (p99) / max ms | reconciles until "
                + "settled (errors) | live heap with job MB: all / GM only | collections (full), pauses s | "
                + "GM /metrics series (KB) | GM log lines (WARN) | client problems | machine CPU: all / this JVM |\n");
        s.append("|---:|---:|---:|---:|---|---:|---|---:|---|---|---:|---:|---:|---|\n");
        for (JsonNode r : runs) {
            JsonNode gm = r.path("gm");
            JsonNode f = gm.path("framesToNodes");
            long bytes = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = gm.path("framesToNodesUntilSettled").fields(); it.hasNext(); ) {
                bytes += it.next().getValue().path(1).asLong();
            }
            JsonNode l = gm.path("linkLatency");
            s.append("| ").append(r.path("nodes").asInt())
                    .append(" | ").append(num(gm, "datasetsSeconds", 1))
                    .append(" | ").append(gm.path("jobStatusWrites").asText("–"))
                    .append(" | ").append(gm.path("settledSeconds").isNumber() ? fmt(gm.path("settledSeconds").asDouble(), 1)
                            : gm.has("settledSeconds") ? "not within budget" : "–")
                    .append(" | ").append(f.path("insert").path(0).asLong()).append(" / ")
                    .append(f.path("worker/run").path(0).asLong()).append(" / ").append(f.path("ack").path(0).asLong())
                    .append(" | ").append(gm.has("framesToNodesUntilSettled") ? fmt(bytes / 1048576.0, 0) : "–")
                    .append(" | ").append(num(l, "meanMs", 0))
                    .append(l.has("p99Ms") ? " / p99 " + num(l, "p99Ms", 0) : "").append(" / ").append(num(l, "maxMs", 0))
                    .append(" | ").append(gm.path("reconcilesUntilSettled").asText("–")).append(" (")
                    .append(gm.path("reconcileErrors").asText("–")).append(")")
                    .append(" | ").append(num(gm, "heapLiveWithJobMB", 0)).append(" / ")
                    .append(num(gm, "heapLiveGmOnlyMB", 0))
                    .append(" | ").append(gm.path("collections").asText("–")).append(" (")
                    .append(gm.path("fullCollections").asText("–")).append("), ").append(num(gm, "gcPauseSeconds", 1))
                    .append(" | ").append(gm.path("metricsWithJob").path("series").asText("–")).append(" (")
                    .append(num(gm.path("metricsWithJob"), "scrapeKB", 0)).append(")")
                    .append(" | ").append(gm.path("log").path("lines").asText("–")).append(" (")
                    .append(gm.path("log").path("byLevel").path("WARN").asText("0")).append(")")
                    .append(" | ").append(gm.path("clientProblems").asText("–"))
                    .append(" | ").append(percent(r.path("systemCpu"))).append(" / ").append(percent(r.path("processCpu")))
                    .append(" |\n");
        }

        JsonNode largest = null;
        for (JsonNode r : runs) {
            if (r.path("gm").has("heapGrowthByClass")) {
                largest = r;
            }
        }
        if (largest != null) {
            int n = largest.path("nodes").asInt();
            s.append("\n### Heap by class, N = ").append(n).append(" (class histograms: connected minus idle, per node; "
                    + "the GM alone with the job, clients gone, minus idle)\n\n");
            s.append("| class | per node: instances | per node: bytes | | class | GM with the job: instances | GM with the job: MB |\n");
            s.append("|---|---:|---:|---|---|---:|---:|\n");
            JsonNode a = largest.path("gm").path("heapGrowthByClass");
            JsonNode b = largest.path("gm").path("heapGmOnlyByClass");
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                JsonNode x = a.path(i);
                JsonNode y = b.path(i);
                s.append("| ").append(x.isMissingNode() ? "" : "`" + x.path("class").asText() + "`").append(" | ")
                        .append(x.isMissingNode() ? "" : fmt(x.path("instances").asDouble() / n, 1)).append(" | ")
                        .append(x.isMissingNode() ? "" : x.path("bytesPerNode").asText()).append(" | | ")
                        .append(y.isMissingNode() ? "" : "`" + y.path("class").asText() + "`").append(" | ")
                        .append(y.isMissingNode() ? "" : y.path("instances").asText()).append(" | ")
                        .append(y.isMissingNode() ? "" : fmt(y.path("bytesPerNode").asDouble() / 1048576.0, 1))
                        .append(" |\n");
            }
        }

        s.append("\n### GM log, most frequent lines per run\n\n");
        for (JsonNode r : runs) {
            JsonNode log = r.path("gm").path("log");
            s.append("* N = ").append(r.path("nodes").asInt()).append(": ").append(log.path("lines").asText("0"))
                    .append(" lines, ").append(fmt(log.path("bytes").asDouble() / 1024, 0)).append(" KB; ");
            List<String> top = new ArrayList<>();
            for (JsonNode g : log.path("top")) {
                if (top.size() == 4) {
                    break;
                }
                top.add(g.path("count").asLong() + " × " + g.path("level").asText() + " "
                        + simple(g.path("logger").asText()) + " \"" + g.path("example").asText() + "\"");
            }
            s.append(String.join("; ", top)).append('\n');
        }
        for (JsonNode r : runs) {
            JsonNode p = r.path("gm").path("firstClientProblems");
            if (p.size() > 0) {
                s.append("\nclient problems at N = ").append(r.path("nodes").asInt()).append(" (first ones): ");
                List<String> list = new ArrayList<>();
                p.forEach(x -> list.add(x.asText()));
                s.append(String.join("; ", list)).append('\n');
            }
        }
        return s.toString();
    }

    private static String simple(String logger) {
        return logger.substring(logger.lastIndexOf('.') + 1);
    }

    private static String num(JsonNode node, String field, int digits) {
        JsonNode v = node.path(field);
        return v.isNumber() ? fmt(v.asDouble(), digits) : "–";
    }

    private static String ratio(JsonNode a, String fa, JsonNode b, String fb) {
        JsonNode x = a.path(fa);
        JsonNode y = b.path(fb);
        if (!x.isNumber() || !y.isNumber() || y.asDouble() <= 0) {
            return "–";
        }
        return fmt(x.asDouble() / y.asDouble(), 1) + "×";
    }

    private static String percent(JsonNode v) {
        return v.isNumber() && v.asDouble() >= 0 ? Math.round(v.asDouble() * 100) + " %" : "–";
    }
}
