package io.sedna4j.lc;

import static org.assertj.core.api.Assertions.assertThat;

import io.sedna4j.api.k8s.Container;
import io.sedna4j.api.k8s.EnvVar;
import io.sedna4j.api.k8s.PodSpec;
import io.sedna4j.api.k8s.PodTemplateSpec;
import io.sedna4j.api.link.Frame;
import io.sedna4j.api.link.Operation;
import io.sedna4j.api.link.Owner;
import io.sedna4j.api.link.WorkerPhase;
import io.sedna4j.api.link.WorkerSpec;
import io.sedna4j.api.link.WorkerStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Shared pieces of the LC tests: short timings, worker specs, and what to look for in the GM's frames. */
final class TestLc {
    static final String NODE = "edge-1";
    static final String TOKEN = "s3cret";
    static final Owner OWNER = new Owner("JointInferenceService", "default", "svc", "uid-1", 1);
    static final Duration WAIT = Duration.ofSeconds(10);
    /** Reconnect 50–300 ms, acks every 20 ms, restarts 100–400 ms, SIGKILL after 1 s, datasets every 100 ms. */
    static final LcTimings FAST = new LcTimings(Duration.ofMillis(50), Duration.ofMillis(300), Duration.ofMillis(20),
            Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(1), Duration.ofMillis(100));
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern PID = Pattern.compile("started pid (\\d+)");

    private TestLc() {
    }

    static LcConfig config(URI gm, Path dir) {
        return LcConfig.defaults(gm, NODE, dir.resolve("nodes").resolve(NODE)).withToken(TOKEN).withWorkerApiPort(0)
                .withHeartbeat(Duration.ofMillis(300)).withLabels(Map.of("zone", "lab"));
    }

    static LocalController start(FakeGm gm, Path dir) {
        return LocalController.start(config(gm.url(), dir), FAST);
    }

    // ---- worker specs ----

    static WorkerSpec command(String name, String restartPolicy, int backoffLimit, String... command) {
        Container c = new Container();
        c.name = "main";
        c.image = "example/tool:1";
        c.command = List.of(command);
        return spec(name, restartPolicy, backoffLimit, c);
    }

    static WorkerSpec builtin(String name, String worker, String... args) {
        Container c = new Container();
        c.name = "main";
        c.image = "sedna4j/" + worker;
        c.args = List.of(args);
        return spec(name, "Always", 3, c);
    }

    static WorkerSpec spec(String name, String restartPolicy, int backoffLimit, Container c) {
        PodTemplateSpec t = new PodTemplateSpec();
        t.spec = new PodSpec();
        t.spec.containers = List.of(c);
        return new WorkerSpec(name, OWNER, "edge", NODE, t, restartPolicy, backoffLimit);
    }

    static EnvVar fieldRef(String name, String path) {
        EnvVar v = new EnvVar(name, null);
        v.valueFrom = new EnvVar.EnvVarSource();
        v.valueFrom.fieldRef = new EnvVar.FieldRef();
        v.valueFrom.fieldRef.fieldPath = path;
        return v;
    }

    static long run(FakeGm gm, WorkerSpec spec) {
        return gm.send(new Frame.Header("default", "worker", spec.name(), Operation.WORKER_RUN), spec);
    }

    static long stop(FakeGm gm, WorkerSpec spec) {
        return gm.send(new Frame.Header("default", "worker", spec.name(), Operation.WORKER_STOP), spec);
    }

    // ---- reading the GM's frames ----

    static Predicate<Frame> phase(String worker, WorkerPhase phase) {
        return f -> f.header() != null && Operation.WORKER_PHASE.equals(f.header().operation())
                && f.header().resourceName().equals(worker) && f.content(WorkerStatus.class).phase() == phase;
    }

    static Predicate<Frame> running(String worker, int restarts) {
        return phase(worker, WorkerPhase.Running).and(f -> f.content(WorkerStatus.class).restarts() == restarts);
    }

    static WorkerStatus await(FakeGm gm, Predicate<Frame> match) {
        return gm.await(match, WAIT).content(WorkerStatus.class);
    }

    /** The statuses of {@code worker} the GM would apply: a frame resent after a reconnect (same seq) counts once. */
    static List<WorkerStatus> phases(FakeGm gm, String worker) {
        List<WorkerStatus> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (Frame f : gm.frames(Operation.WORKER_PHASE)) {
            if (f.header().resourceName().equals(worker) && (f.seq() == null || seen.add(f.seq()))) {
                out.add(f.content(WorkerStatus.class));
            }
        }
        return out;
    }

    static long pid(WorkerStatus running) {
        Matcher m = PID.matcher(running.message());
        assertThat(m.find()).as("pid in " + running.message()).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** Running: neither gone nor a zombie (this sandbox's init reaps orphans lazily). */
    static boolean alive(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    // ---- misc ----

    static HttpResponse<String> post(int port, String worker, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sedna/workers/" + worker
                + "/info")).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String info(String worker, String owner, int n) {
        return "{\"name\":\"" + worker + "\",\"namespace\":\"default\",\"ownerName\":\"" + owner
                + "\",\"ownerKind\":\"JointInferenceService\",\"kind\":\"inference\",\"status\":\"running\","
                + "\"ownerInfo\":{\"n\":" + n + "}}";
    }

    static void awaitTrue(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            sleep(20);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A Java process running {@code main} with this test's class path; output goes to {@code log}. */
    static Process java(Path log, Class<?> main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "-cp",
                System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(Arrays.asList(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
