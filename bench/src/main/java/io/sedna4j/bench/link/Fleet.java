package io.sedna4j.bench.link;

import io.sedna4j.api.link.Operation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N simulated Local Controllers on one JDK HttpClient with a small executor, so that N nodes do not mean N
 * threads: {@code threads} for the client, one for heartbeats and acks. It counts what the nodes receive and, while
 * a window is open, records when each {@code worker/run} arrived and (for the transport baseline) the frames each
 * node got, in order.
 */
public final class Fleet implements AutoCloseable {
    /** Connections being opened at once: below Jetty's default accept backlog (50), beyond which SYNs wait 1 s. */
    private static final int CONCURRENT_HANDSHAKES = 32;
    private static final int CONNECT_ATTEMPTS = 3;

    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;
    private final HttpClient client;
    private final long heartbeatMillis;
    private final List<SimulatedLc> nodes = new ArrayList<>();
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicInteger connectFailures = new AtomicInteger();
    private final AtomicInteger connectRetries = new AtomicInteger();
    private final AtomicInteger closedCount = new AtomicInteger();
    private final AtomicInteger problems = new AtomicInteger();
    private final List<String> firstProblems = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong phasesSent = new AtomicLong();
    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final Map<String, AtomicLong[]> received = new ConcurrentHashMap<>(); // operation → {frames, bytes}

    // the window: guarded by this
    private boolean recording;
    private long[] runReceipts = new long[16];
    private int runCount;
    private Map<Integer, Recorded> pattern = new ConcurrentHashMap<>();

    /** What one node received during the window: each frame's size and operation, and the worker/run texts. */
    public static final class Recorded {
        private final List<Integer> sizes = new ArrayList<>();
        private final List<String> operations = new ArrayList<>();
        private final List<String> runTexts = new ArrayList<>();

        synchronized void add(String operation, int size, String text) {
            sizes.add(size);
            operations.add(operation);
            if (Operation.WORKER_RUN.equals(operation)) {
                runTexts.add(text);
            }
        }

        public synchronized int frames() {
            return sizes.size();
        }

        public synchronized int size(int i) {
            return sizes.get(i);
        }

        public synchronized String operation(int i) {
            return operations.get(i);
        }

        /** The k-th worker/run frame's text, as the GM sent it. */
        public synchronized String runText(int k) {
            return runTexts.get(k);
        }

        public synchronized List<String> runTexts() {
            return List.copyOf(runTexts);
        }
    }

    /**
     * @param threads         the HttpClient's executor threads (listeners run on them)
     * @param heartbeatMillis the heartbeat period, 5 s as LCs do by default
     */
    public Fleet(int threads, long heartbeatMillis) {
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, r -> daemon(r, "lc-fleet-" + n.incrementAndGet()));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "lc-fleet-timer"));
        this.client = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(30)).build();
        this.heartbeatMillis = heartbeatMillis;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    long heartbeatMillis() {
        return heartbeatMillis;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    int size() {
        return nodes.size();
    }

    public List<SimulatedLc> nodes() {
        return nodes;
    }

    /**
     * Connects nodes {@code edge-0 … edge-(n-1)} to {@code ws://host:port/ws} with the token; each sends its first
     * heartbeat as soon as it is connected. Returns when all are connected, or at the deadline.
     *
     * @return how many are connected
     */
    public int connect(URI server, String token, int n, long deadlineNanos) throws InterruptedException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add("edge-" + i);
        }
        return connect(server, token, names, deadlineNanos);
    }

    /** As {@link #connect(URI, String, int, long)}, for one node of that name. */
    public int connect(URI server, String token, String name, long deadlineNanos) throws InterruptedException {
        return connect(server, token, List.of(name), deadlineNanos);
    }

    private int connect(URI server, String token, List<String> names, long deadlineNanos) throws InterruptedException {
        URI ws = URI.create("ws://" + server.getHost() + ":" + server.getPort() + "/ws");
        int n = names.size();
        for (int i = 0; i < n; i++) {
            nodes.add(new SimulatedLc(this, i, names.get(i)));
        }
        Semaphore handshakes = new Semaphore(CONCURRENT_HANDSHAKES);
        for (SimulatedLc lc : nodes) {
            if (!handshakes.tryAcquire(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            open(ws, token, lc, handshakes, 1);
        }
        while (connected.get() + connectFailures.get() < n && System.nanoTime() < deadlineNanos) {
            Thread.sleep(20);
        }
        return connected.get();
    }

    private void open(URI ws, String token, SimulatedLc lc, Semaphore handshakes, int attempt) {
        WebSocket.Builder b = client.newWebSocketBuilder().header("Node-Name", lc.node())
                .connectTimeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        b.buildAsync(ws, lc).whenComplete((socket, failure) -> {
            if (failure == null) {
                handshakes.release();
                connected.incrementAndGet();
                lc.connected();
            } else if (attempt < CONNECT_ATTEMPTS) {
                connectRetries.incrementAndGet();
                if (connectRetries.get() <= 3) {
                    problem(lc.node() + " failed to connect (attempt " + attempt + "), retrying: " + failure);
                }
                // LCs reconnect with backoff from 0.5 s
                scheduler.schedule(() -> open(ws, token, lc, handshakes, attempt + 1), 500L << (attempt - 1),
                        TimeUnit.MILLISECONDS);
            } else {
                handshakes.release();
                connectFailures.incrementAndGet();
                problem(lc.node() + " could not connect after " + attempt + " attempts: " + failure);
            }
        });
    }

    public int connected() {
        return connected.get();
    }

    public int connectFailures() {
        return connectFailures.get();
    }

    /** Connection attempts that failed and were tried again. */
    public int connectRetries() {
        return connectRetries.get();
    }

    /** Starts recording worker/run receipt times and, if {@code pattern}, every frame each node gets. */
    public synchronized void openWindow(boolean withPattern) {
        recording = true;
        runReceipts = new long[Math.max(16, nodes.size() + 1)];
        runCount = 0;
        pattern = withPattern ? new ConcurrentHashMap<>() : null;
        received.clear();
    }

    public synchronized void closeWindow() {
        recording = false;
    }

    void countReceived(SimulatedLc lc, String operation, int size, String text, long nanos) {
        AtomicLong[] c = received.computeIfAbsent(operation, o -> new AtomicLong[] {new AtomicLong(), new AtomicLong()});
        c[0].incrementAndGet();
        c[1].addAndGet(size);
        synchronized (this) {
            if (!recording) {
                return;
            }
            if (Operation.WORKER_RUN.equals(operation)) {
                if (runCount == runReceipts.length) {
                    runReceipts = java.util.Arrays.copyOf(runReceipts, runCount * 2);
                }
                runReceipts[runCount++] = nanos;
            }
            if (pattern != null && !"ack".equals(operation)) {
                pattern.computeIfAbsent(lc.index(), i -> new Recorded()).add(operation, size, text);
            }
        }
    }

    /** worker/run frames received in the window so far. */
    public synchronized int runsReceived() {
        return runCount;
    }

    /** When each worker/run of the window arrived (System.nanoTime). */
    public synchronized long[] runReceipts() {
        return java.util.Arrays.copyOf(runReceipts, runCount);
    }

    /** What each node received in the window, by node index; null if not recorded. */
    public synchronized Map<Integer, Recorded> pattern() {
        return pattern;
    }

    /** Frames and bytes received by operation since the window opened (all time before any). */
    public Map<String, long[]> received() {
        Map<String, long[]> copy = new TreeMap<>();
        received.forEach((op, c) -> copy.put(op, new long[] {c[0].get(), c[1].get()}));
        return copy;
    }

    public long framesReceived(String operation) {
        AtomicLong[] c = received.get(operation);
        return c == null ? 0 : c[0].get();
    }

    void duplicate() {
        duplicates.incrementAndGet();
    }

    public long duplicates() {
        return duplicates.get();
    }

    void phaseSent() {
        phasesSent.incrementAndGet();
    }

    public long phasesSent() {
        return phasesSent.get();
    }

    void countSent(int size) {
        framesSent.incrementAndGet();
        bytesSent.addAndGet(size);
    }

    public long framesSent() {
        return framesSent.get();
    }

    public long bytesSent() {
        return bytesSent.get();
    }

    /** Frames the nodes sent and the server has not acknowledged yet. */
    public int unacknowledged() {
        int sum = 0;
        for (SimulatedLc lc : nodes) {
            sum += lc.unacknowledged();
        }
        return sum;
    }

    void problem(String message) {
        problems.incrementAndGet();
        if (firstProblems.size() < 10) {
            firstProblems.add(message);
        }
    }

    public int problems() {
        return problems.get();
    }

    public List<String> firstProblems() {
        synchronized (firstProblems) {
            return List.copyOf(firstProblems);
        }
    }

    void closed(SimulatedLc lc) {
        closedCount.incrementAndGet();
    }

    /** Closes every connection (politely, then by force after 5 s) and stops the threads. */
    @Override
    public void close() {
        for (SimulatedLc lc : nodes) {
            lc.close();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline && nodes.stream().anyMatch(lc -> !lc.isClosed())) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        nodes.forEach(SimulatedLc::abort);
        scheduler.shutdownNow();
        executor.shutdownNow();
    }
}
