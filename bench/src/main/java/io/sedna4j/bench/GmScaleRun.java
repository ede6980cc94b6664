package io.sedna4j.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sedna4j.api.link.Frame;
import io.sedna4j.api.link.Operation;
import io.sedna4j.api.link.Owner;
import io.sedna4j.api.link.WorkerSpec;
import io.sedna4j.api.v1alpha1.FederatedLearningJob;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.bench.jvm.ClassHistogram;
import io.sedna4j.bench.jvm.Heap;
import io.sedna4j.bench.jvm.Machine;
import io.sedna4j.bench.jvm.Sampler;
import io.sedna4j.bench.link.EchoServer;
import io.sedna4j.bench.link.Fleet;
import io.sedna4j.control.node.Node;
import io.sedna4j.gm.GlobalManager;
import io.sedna4j.gm.GmConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One GM scale measurement for N nodes, then the transport-only baseline for the same N, in this JVM. Every wait
 * has a deadline; whatever happens it closes the clients, the GM and the baseline server and deletes its data dir.
 * Figures go into a JSON object, handed to {@code publish} after each phase so that a run that dies half-way still
 * reports what it measured.
 */
final class GmScaleRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SEQ_FIELD = Pattern.compile("\"seq\":\\d+");
    private static final Pattern ACK_FIELD = Pattern.compile(",\"ack\":\\d+");
    private static final double MB = 1024.0 * 1024.0;
    /** A node connected and disconnected before measuring, not counted. */
    static final String WARM_UP = "warm-up";
    /** How long nothing must happen for the GM to count as done with the job. */
    static final Duration QUIET = Duration.ofSeconds(3);

    /**
     * @param budget          the GM part's limit: connecting, the datasets, the job until Running and until the GM
     *                        is done with it
     * @param baselineBudget  the limit of each baseline step
     * @param clientThreads   the simulated nodes' HttpClient executor threads
     * @param heartbeatMillis the nodes' heartbeat period
     */
    record Options(int nodes, Duration budget, Duration baselineBudget, int clientThreads, long heartbeatMillis,
                   boolean baseline, boolean histogram, Path logFile) {
    }

    /** A wait that reached its deadline. */
    static final class OutOfTime extends Exception {
        OutOfTime(String message) {
            super(message);
        }
    }

    private final Options o;
    private final Consumer<ObjectNode> publish;
    private final Consumer<String> progress;
    private final ObjectNode result = JSON.createObjectNode();
    private final ObjectNode gmResult = result.putObject("gm");
    private final ObjectNode baseResult = result.putObject("baseline");
    private final String token = newToken();
    private final Sampler sampler = new Sampler();
    private Map<Integer, Fleet.Recorded> pattern;
    private long gmStarted;

    GmScaleRun(Options o, Consumer<ObjectNode> publish, Consumer<String> progress) {
        this.o = o;
        this.publish = publish;
        this.progress = progress;
    }

    ObjectNode run() {
        int n = o.nodes();
        result.put("nodes", n);
        result.put("status", "running");
        result.put("heapMaxMB", Math.round(Heap.maxBytes() / MB));
        result.put("loadBefore", Machine.loadAverage());
        try {
            gm();
            result.put("status", result.has("exceeded") ? "exceeded" : "ok");
            if (result.has("exceeded")) {
                result.put("failure", result.get("exceeded").asText());
            }
        } catch (OutOfTime e) {
            fail("out of time (" + o.budget().toSeconds() + " s): " + e.getMessage());
        } catch (Exception | OutOfMemoryError e) {
            fail(e.toString());
        }
        publish.accept(result);
        if (o.baseline()) {
            try {
                baseline();
            } catch (OutOfTime e) {
                baseResult.put("failure", "out of time: " + e.getMessage());
            } catch (Exception | OutOfMemoryError e) {
                baseResult.put("failure", e.toString());
            }
        }
        result.put("loadAfter", Machine.loadAverage());
        result.put("systemCpu", round(sampler.systemCpu(), 2));
        result.put("processCpu", round(sampler.processCpu(), 2));
        sampler.close();
        publish.accept(result);
        return result;
    }

    private static String newToken() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private void fail(String why) {
        result.put("status", "failed");
        result.put("failure", why);
        progress.accept("N=" + o.nodes() + " failed: " + why);
    }

    // ---------------------------------------------------------------- the GM

    private void gm() throws Exception {
        long deadline = System.nanoTime() + o.budget().toNanos();
        Path dataDir = Files.createTempDirectory("sedna4j-gm-scale-");
        GlobalManager gm = null;
        Fleet fleet = null;
        Fleet warm = null;
        try {
            phase("start");
            gmStarted = System.nanoTime();
            gm = GlobalManager.start(GmConfig.defaults(dataDir).withPort(0).withToken(token));
            MeterRegistry meters = gm.metrics();
            EngineProbe engine = EngineProbe.of(gm);
            GlobalManager g = gm;
            warm = warmUp(gm.url(), () -> g.nodes().node(WARM_UP).isPresent(), deadline);
            ClassHistogram before = o.histogram() ? ClassHistogram.take() : null;
            long heap0 = Heap.liveBytes();
            gmResult.put("reconcileMetersAfterGc", Double.isNaN(gauge(meters, "sedna_reconcile_queue_depth"))
                    ? "lost: sedna_reconcile_queue_depth reads NaN, sedna_reconciles stops counting" : "readable");
            metricsSize(gmResult.putObject("metricsIdle"), meters);
            sampler.reset();

            fleet = new Fleet(o.clientThreads(), o.heartbeatMillis());
            measure(gm, fleet, engine, before, heap0, deadline);

            phase("clients leave");
            closeFleet(fleet);
            fleet = null; // nothing else may hold it: its connections must be garbage for the next figure
            gmResult.put("heapLiveGmOnlyMB", round(Heap.liveBytes() / MB, 1));
            if (before != null) {
                growth(gmResult.putArray("heapGmOnlyByClass"), ClassHistogram.take(), before, 1);
            }
        } finally {
            heapPeaks();
            if (fleet != null) {
                closeFleet(fleet);
            }
            if (warm != null) {
                warm.close();
            }
            if (gm != null) {
                gm.close();
            }
            delete(dataDir);
            summarizeLog();
            publish.accept(result);
        }
    }

    /** Connects the nodes, creates the datasets and the job, and waits until the GM is done with it. */
    private void measure(GlobalManager gm, Fleet fleet, EngineProbe engine, ClassHistogram before, long heap0,
                         long deadline) throws Exception {
        int n = o.nodes();
        MeterRegistry meters = gm.metrics();
        GlobalManager g = gm;
        JobWatch watch = null;
        try {
            phase("connect");
            long c0 = System.nanoTime();
            int connected = fleet.connect(gm.url(), token, n, deadline);
            await(() -> readyNodes(g) >= n, deadline, () -> "connecting: " + fleet(g, n) + " nodes");
            double connectSeconds = seconds(System.nanoTime() - c0);
            gmResult.put("connected", connected);
            gmResult.put("connectRetries", fleet.connectRetries());
            gmResult.put("connectSeconds", round(connectSeconds, 2));
            long heapN = Heap.liveBytes();
            gmResult.put("heapIdleMB", round(heap0 / MB, 1));
            gmResult.put("heapConnectedMB", round(heapN / MB, 1));
            gmResult.put("heapPerNodeKB", round((heapN - heap0) / 1024.0 / n, 1));
            ClassHistogram connectedHistogram = null;
            if (before != null) {
                connectedHistogram = ClassHistogram.take();
                growth(gmResult.putArray("heapGrowthByClass"), connectedHistogram, before, n);
            }
            publish.accept(result);

            phase("datasets");
            Resource<?, ?> job = Workload.job(n);
            List<Resource<?, ?>> datasets = Workload.datasets(n);
            long d0 = System.nanoTime();
            gm.store().create(Workload.model());
            for (Resource<?, ?> d : datasets) {
                gm.store().create(d);
            }
            datasets = null;
            Fleet f = fleet;
            await(() -> f.framesReceived(Operation.INSERT) >= n && engine.queueDepth() == 0
                            && gauge(meters, "sedna_link_pending_frames_all") == 0, deadline,
                    () -> "datasets: " + f.framesReceived(Operation.INSERT) + " of " + n + " inserts received, "
                            + engine(engine, meters));
            gmResult.put("datasetsSeconds", round(seconds(System.nanoTime() - d0), 2));
            publish.accept(result);

            phase("job");
            fleet.openWindow(true);
            long reconciles0 = engine.reconciles();
            long errors0 = engine.errors();
            Timer latency = meters.find("sedna_link_message_latency").timer();
            long latencyCount0 = latency == null ? 0 : latency.count();
            double latencyTotal0 = latency == null ? 0 : latency.totalTime(TimeUnit.MILLISECONDS);
            watch = JobWatch.of(gm.store(), Kind.FEDERATED_LEARNING_JOB, Workload.NAMESPACE, Workload.JOB);
            JobWatch w = watch;
            long t0 = System.nanoTime();
            gm.store().create(job);
            job = null;
            await(() -> w.runningAt() != 0, deadline, () -> "the job: phase " + jobPhase(g) + " after "
                    + w.writes() + " status writes, " + f.runsReceived() + " of " + (n + 1) + " worker/run received, "
                    + f.phasesSent() + " worker/phase sent, " + engine(engine, meters));
            long tRunning = w.runningAt();
            await(() -> f.runsReceived() >= n + 1, deadline,
                    () -> "the job is Running but only " + f.runsReceived() + " of " + (n + 1) + " worker/run arrived");
            fleet.closeWindow();
            double jobSeconds = seconds(tRunning - t0);
            gmResult.put("jobToRunningSeconds", round(jobSeconds, 2));
            latencies(gmResult, fleet.runReceipts(), t0);
            long reconciles = engine.reconciles() - reconciles0;
            gmResult.put("reconciles", reconciles);
            gmResult.put("reconcilesPerSecond", round(reconciles / jobSeconds, 1));
            gmResult.put("jobStatusWritesUntilRunning", w.writes());
            gmResult.put("resyncInWindow", resyncs(gmStarted, t0, tRunning));
            if (latency != null) {
                ObjectNode l = gmResult.putObject("linkLatency");
                long count = latency.count() - latencyCount0;
                l.put("frames", count);
                l.put("meanMs", count == 0 ? 0 : round((latency.totalTime(TimeUnit.MILLISECONDS) - latencyTotal0)
                        / count, 1));
                l.put("maxMs", round(latency.max(TimeUnit.MILLISECONDS), 1));
                ValueAtPercentile[] pct = latency.takeSnapshot().percentileValues();
                if (pct.length == 0) {
                    l.put("percentiles", "not published by the timer");
                }
                for (ValueAtPercentile v : pct) { // over the timer's recent window (Micrometer: about 2 min)
                    l.put("p" + Math.round(v.percentile() * 100) + "Ms", round(v.value(TimeUnit.MILLISECONDS), 1));
                }
            }
            ObjectNode frames = gmResult.putObject("framesToNodes");
            fleet.received().forEach((op, c) -> frames.putArray(op).add(c[0]).add(c[1]));
            pattern = fleet.pattern();
            publish.accept(result);

            phase("settle");
            long settled = awaitQuiet(f, engine, meters, deadline);
            if (settled > 0) {
                gmResult.put("settledSeconds", round(seconds(settled - t0), 2));
            } else {
                gmResult.put("settledSeconds", "not within the budget: " + engine(engine, meters));
                result.put("exceeded", "the GM was still busy with the job at the end of the budget ("
                        + o.budget().toSeconds() + " s)");
            }
            gmResult.put("jobStatusWrites", w.writes());
            gmResult.put("reconcilesUntilSettled", engine.reconciles() - reconciles0);
            gmResult.put("reconcileErrors", engine.errors() - errors0);
            ObjectNode after = gmResult.putObject("framesToNodesUntilSettled");
            fleet.received().forEach((op, c) -> after.putArray(op).add(c[0]).add(c[1]));
            gmResult.put("heapLiveWithJobMB", round(Heap.liveBytes() / MB, 1));
            if (connectedHistogram != null) {
                growth(gmResult.putArray("heapGrowthWithJobByClass"), ClassHistogram.take(), connectedHistogram, 1);
            }
            gmResult.put("clientDuplicates", fleet.duplicates());
            metricsSize(gmResult.putObject("metricsWithJob"), meters);
            heapPeaks();
            publish.accept(result);
        } finally {
            if (watch != null) {
                watch.close();
            }
        }
    }

    /** How many meters the GM has and how long its /metrics page is (every series is one line). */
    private static void metricsSize(ObjectNode out, MeterRegistry meters) {
        out.put("meters", meters.getMeters().size());
        if (meters instanceof PrometheusMeterRegistry prometheus) {
            String page = prometheus.scrape();
            out.put("scrapeKB", round(page.length() / 1024.0, 1));
            out.put("series", page.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).count());
        }
    }

    /** Peaks since the nodes started connecting, the harness's own collections excepted. */
    private void heapPeaks() {
        gmResult.put("peakHeapUsedMB", round(sampler.peakUsedBytes() / MB, 1));
        gmResult.put("peakHeapAfterGcMB", round(sampler.peakAfterGcBytes() / MB, 1));
        gmResult.put("collections", sampler.collections());
        gmResult.put("fullCollections", sampler.fullCollections());
        gmResult.put("gcPauseSeconds", round(sampler.pauseMillis() / 1000.0, 2));
    }

    private void closeFleet(Fleet fleet) {
        gmResult.put("clientProblems", fleet.problems());
        ArrayNode p = gmResult.putArray("firstClientProblems");
        fleet.firstProblems().forEach(p::add);
        fleet.close();
    }

    private static void growth(ArrayNode out, ClassHistogram now, ClassHistogram before, int n) {
        for (ClassHistogram.Entry e : now.growthSince(before, 12)) {
            out.addObject().put("class", e.className()).put("instances", e.instances())
                    .put("bytesPerNode", Math.round(e.bytes() / (double) n));
        }
    }

    /**
     * Waits until the GM is done with the job: for {@link #QUIET} no frame reached the nodes and no reconcile ran
     * (the engine's threads all waited for work: a reconcile in progress is not in the queue), nothing is queued and
     * every frame is acknowledged both ways. Returns when the last activity was (System.nanoTime), or 0 at the
     * deadline. A resync (every 30 s) that falls in counts as activity: it is work the GM does at that size.
     */
    private static long awaitQuiet(Fleet fleet, EngineProbe engine, MeterRegistry meters, long deadline)
            throws InterruptedException {
        long lastChange = System.nanoTime();
        long frames = -1;
        while (System.nanoTime() < deadline) {
            long f = fleet.received().values().stream().mapToLong(c -> c[0]).sum();
            boolean idle = engine.queueDepth() == 0 && engine.idle()
                    && gauge(meters, "sedna_link_pending_frames_all") == 0 && fleet.unacknowledged() == 0;
            if (f != frames || !idle) {
                frames = f;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > QUIET.toNanos()) {
                return lastChange;
            }
            Thread.sleep(50);
        }
        return 0;
    }

    /** How many of the engine's resyncs (every 30 s from the GM's start) fell between {@code from} and {@code to}. */
    private static long resyncs(long started, long from, long to) {
        long period = GmConfig.DEFAULT_RESYNC.toNanos();
        return Math.max(0, (to - started) / period - (from - started) / period);
    }

    private static long readyNodes(GlobalManager gm) {
        return gm.nodes().nodes().stream().filter(Node::ready).filter(x -> !x.name().equals(WARM_UP)).count();
    }

    /**
     * Connects one node that is not counted, so that the first of the N does not pay for class loading and the first
     * compilations (which would be most of the heap "per node" at small N). It stays connected, heartbeating, until
     * the end: a node that left would turn NotReady 15 s later, and that change would wake the job's reconcile in
     * the middle of the measurement.
     */
    private Fleet warmUp(java.net.URI server, BooleanSupplier registered, long deadline) throws Exception {
        Fleet warm = new Fleet(1, o.heartbeatMillis());
        try {
            warm.connect(server, token, WARM_UP, deadline);
            await(registered, deadline, () -> "the warm-up node did not register");
            return warm;
        } catch (Exception | Error e) {
            warm.close();
            throw e;
        }
    }

    private static String fleet(GlobalManager gm, int n) {
        return readyNodes(gm) + " of " + n;
    }

    private static String jobPhase(GlobalManager gm) {
        return gm.store().get(Kind.FEDERATED_LEARNING_JOB, Workload.NAMESPACE, Workload.JOB)
                .map(r -> ((FederatedLearningJob) r).status)
                .map(s -> s.phase == null ? "none" : s.phase).orElse("absent");
    }

    private static String engine(EngineProbe engine, MeterRegistry meters) {
        return "reconcile queue " + engine.queueDepth() + ", frames unacknowledged "
                + Math.round(gauge(meters, "sedna_link_pending_frames_all")) + ", reconciles " + engine.reconciles();
    }

    private static double gauge(MeterRegistry meters, String name) {
        Gauge g = meters.find(name).gauge();
        return g == null ? Double.NaN : g.value();
    }

    private void summarizeLog() {
        if (o.logFile() == null) {
            return;
        }
        LogSummary log = LogSummary.of(o.logFile());
        ObjectNode l = gmResult.putObject("log");
        l.put("file", o.logFile().toString());
        l.put("lines", log.lines());
        l.put("bytes", log.bytes());
        ObjectNode levels = l.putObject("byLevel");
        log.byLevel().forEach(levels::put);
        ArrayNode top = l.putArray("top");
        for (LogSummary.Group grp : log.top(8)) {
            top.addObject().put("count", grp.count()).put("level", grp.level()).put("logger", grp.logger())
                    .put("example", grp.example());
        }
    }

    // ---------------------------------------------------------------- the transport-only baseline

    private void baseline() throws Exception {
        int n = o.nodes();
        long deadline = System.nanoTime() + o.baselineBudget().toNanos();
        Heap.liveBytes();
        EchoServer echo = null;
        Fleet fleet = null;
        Fleet warm = null;
        try {
            phase("baseline: connect");
            echo = new EchoServer(token);
            EchoServer e0 = echo;
            warm = warmUp(echo.url(), () -> e0.nodesHeard() >= 1, deadline);
            long heap0 = Heap.liveBytes();
            fleet = new Fleet(o.clientThreads(), o.heartbeatMillis());
            long c0 = System.nanoTime();
            fleet.connect(echo.url(), token, n, deadline);
            EchoServer e = echo;
            await(() -> e.nodesHeard() >= n + 1, deadline, () -> "baseline connect: " + (e.nodesHeard() - 1) + " of " + n);
            baseResult.put("connectSeconds", round(seconds(System.nanoTime() - c0), 2));
            baseResult.put("connectRetries", fleet.connectRetries());
            long heapN = Heap.liveBytes();
            baseResult.put("heapPerNodeKB", round((heapN - heap0) / 1024.0 / n, 1));
            publish.accept(result);

            List<String> nodes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                nodes.add(Workload.node(i));
            }
            Map<String, long[]> seqs = new java.util.HashMap<>();
            phase("baseline: worker/run frames only");
            dispatch(echo, fleet, nodes, node -> runsOnly(node, seqs), n + 1, baseResult.putObject("runsOnly"),
                    deadline);
            publish.accept(result);
            if (pattern != null && !pattern.isEmpty()) {
                phase("baseline: replay of the GM's frames");
                int runs = 0;
                long bytes = 0;
                for (Fleet.Recorded r : pattern.values()) {
                    runs += r.runTexts().size();
                    for (int i = 0; i < r.frames(); i++) {
                        bytes += r.size(i);
                    }
                }
                ObjectNode replay = baseResult.putObject("replay");
                replay.put("bytes", bytes);
                dispatch(echo, fleet, nodes, node -> replayed(node, seqs), runs, replay,
                        System.nanoTime() + o.baselineBudget().toNanos());
            }
        } finally {
            if (fleet != null) {
                baseResult.put("clientProblems", fleet.problems());
                fleet.close();
            }
            if (warm != null) {
                warm.close();
            }
            if (echo != null) {
                baseResult.put("serverSendFailures", echo.sendFailures());
                echo.close();
            }
        }
    }

    /** Sends every node its frames and waits until the worker/run among them are answered. */
    private void dispatch(EchoServer echo, Fleet fleet, List<String> nodes,
                          java.util.function.Function<String, Iterator<String>> frames, int runs, ObjectNode out,
                          long deadline) throws Exception {
        fleet.openWindow(false);
        long phases0 = echo.phases();
        long t0 = System.nanoTime();
        if (!echo.sendAll(nodes, frames, deadline)) {
            throw new OutOfTime("the baseline server could not send everything in time");
        }
        await(() -> echo.phases() - phases0 >= runs && fleet.runsReceived() >= runs, deadline,
                () -> "baseline: " + fleet.runsReceived() + " of " + runs + " worker/run received, "
                        + (echo.phases() - phases0) + " answered");
        out.put("seconds", round(seconds(System.nanoTime() - t0), 3));
        latencies(out, fleet.runReceipts(), t0);
        fleet.closeWindow();
    }

    /** The node's worker/run frames as the GM sent them (renumbered), or made up if the GM run sent none. */
    private Iterator<String> runsOnly(String node, Map<String, long[]> seqs) {
        int i = Integer.parseInt(node.substring("edge-".length()));
        Fleet.Recorded recorded = pattern == null ? null : pattern.get(i);
        List<String> texts = recorded != null && !recorded.runTexts().isEmpty() ? recorded.runTexts()
                : syntheticRuns(i);
        long[] seq = seqs.computeIfAbsent(node, k -> new long[1]);
        return texts.stream().map(t -> renumber(t, ++seq[0])).iterator();
    }

    private static List<String> syntheticRuns(int i) {
        Owner owner = new Owner("FederatedLearningJob", Workload.NAMESPACE, Workload.JOB, "bench", 1);
        List<String> texts = new ArrayList<>();
        if (i == 0) {
            texts.add(run(new WorkerSpec(Workload.JOB + "-aggregation", owner, "aggregation", Workload.node(i), null,
                    "OnFailure", 6)));
        }
        texts.add(run(new WorkerSpec(Workload.JOB + "-train-" + i, owner, "train", Workload.node(i), null,
                "OnFailure", 6)));
        return texts;
    }

    private static String run(WorkerSpec spec) {
        return Frame.of(new Frame.Header(Workload.NAMESPACE, "worker", spec.name(), Operation.WORKER_RUN), spec)
                .withSeq(0).toJson();
    }

    /** The frames the node got from the GM, in order and of the same sizes: worker/run as sent, others padding. */
    private Iterator<String> replayed(String node, Map<String, long[]> seqs) {
        int i = Integer.parseInt(node.substring("edge-".length()));
        Fleet.Recorded recorded = pattern.get(i);
        if (recorded == null) {
            return Collections.emptyIterator();
        }
        long[] seq = seqs.computeIfAbsent(node, k -> new long[1]);
        int frames = recorded.frames();
        return new Iterator<>() {
            private int k;
            private int run;

            @Override
            public boolean hasNext() {
                return k < frames;
            }

            @Override
            public String next() {
                String op = recorded.operation(k);
                int size = recorded.size(k);
                k++;
                if (Operation.WORKER_RUN.equals(op)) {
                    return renumber(recorded.runText(run++), ++seq[0]);
                }
                return padding(op, size, ++seq[0]);
            }
        };
    }

    private static String renumber(String text, long seq) {
        return ACK_FIELD.matcher(SEQ_FIELD.matcher(text).replaceFirst("\"seq\":" + seq)).replaceFirst("");
    }

    private static String padding(String op, int size, long seq) {
        String head = "{\"header\":{\"namespace\":\"default\",\"resourceKind\":\"federatedlearningjob\","
                + "\"resourceName\":\"" + Workload.JOB + "\",\"operation\":\"" + op + "\"},\"content\":\"";
        String tail = "\",\"seq\":" + seq + "}";
        int pad = Math.max(0, size - head.length() - tail.length());
        StringBuilder s = new StringBuilder(head.length() + pad + tail.length()).append(head);
        for (int i = 0; i < pad; i++) {
            s.append('A');
        }
        return s.append(tail).toString();
    }

    // ---------------------------------------------------------------- helpers

    private static void latencies(ObjectNode out, long[] receipts, long t0) {
        long[] micros = new long[receipts.length];
        for (int i = 0; i < receipts.length; i++) {
            micros[i] = TimeUnit.NANOSECONDS.toMicros(receipts[i] - t0);
        }
        Percentiles p = new Percentiles(micros);
        out.put("runsReceived", p.count());
        out.put("p50Ms", round(p.at(50) / 1000.0, 1));
        out.put("p99Ms", round(p.at(99) / 1000.0, 1));
        out.put("maxMs", round(p.max() / 1000.0, 1));
    }

    private void phase(String name) {
        result.put("phase", name);
        progress.accept("N=" + o.nodes() + ": " + name + " (heap used " + Math.round(Heap.usedBytes() / MB)
                + " MB, load " + Machine.loadAverage() + ")");
    }

    private static void await(BooleanSupplier done, long deadline, Supplier<String> what)
            throws OutOfTime, InterruptedException {
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new OutOfTime(what.get());
            }
            Thread.sleep(20);
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static double round(double v, int digits) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a temp dir: the OS cleans up what is left
                }
            });
        } catch (IOException e) {
            // idem
        }
    }
}
