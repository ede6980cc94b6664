package io.sedna4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sedna4j.gm.GlobalManager;
import io.sedna4j.gm.GmConfig;
import io.sedna4j.lc.LcConfig;
import io.sedna4j.lc.LcTimings;
import io.sedna4j.lc.LocalController;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone control plane end to end: a real GM and real Local Controllers over loopback sockets, workers as
 * real processes (the built-in probe worker in child JVMs), driven through the sedna command as a user would.
 */
class StandaloneControlPlaneTest {
    private static final Path MANIFESTS = Path.of("src/test/resources/manifests").toAbsolutePath();
    private static final Path EXAMPLES = Path.of(System.getProperty("maven.multiModuleProjectDirectory",
            Path.of("..").toAbsolutePath().normalize().toString()), "examples");

    @TempDir
    Path dataDir;

    @Test
    void jointInferenceWorkersRunOnTheirNodesAndAKilledWorkerIsRestarted() throws IOException {
        try (UpCommand.AllInOne cluster = UpCommand.AllInOne.start(dataDir, 0, 2)) {
            String server = cluster.url().toString();
            CliRun apply = sedna(server, "apply", "-f", EXAMPLES.resolve("quickstart").toString());
            assertThat(apply.exitCode()).as(apply.all()).isZero();
            assertThat(apply.out()).contains("jointinferenceservice/probe created");

            await("the service is Running", () -> sedna(server, "get", "ji").out(), "probe   Running");
            String workers = sedna(server, "get", "workers").out();
            assertThat(workers).containsPattern("probe-edge +JointInferenceService/probe +edge-1 +Running")
                    .containsPattern("probe-cloud +JointInferenceService/probe +cloud +Running");

            long pid = pid(workers, "probe-edge");
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            String described = await("the killed worker runs again",
                    () -> sedna(server, "describe", "ji", "probe").out(), "probe-edge +edge-1 +Running +1 ");
            assertThat(described).contains("Running   True");
            // the worker reports every second; on a loaded machine the first one may come after it is Running
            await("the restarted worker reports", () -> sedna(server, "describe", "ji", "probe").out(), "reports:");
            assertThat(pid(described, "probe-edge")).isNotEqualTo(pid);
            assertThat(Files.readString(dataDir.resolve("nodes/edge-1/workers/probe-edge/log")))
                    .contains("--- exited with code 137");

            assertThat(sedna(server, "delete", "-f", EXAMPLES.resolve("quickstart").toString()).exitCode()).isZero();
            await("the workers are stopped", () -> sedna(server, "get", "workers").all(), "No resources found");
            long restarted = pid(described, "probe-edge");
            await("the worker process is gone", () -> ProcessHandle.of(restarted).map(h -> h.isAlive() ? "alive" : "gone")
                    .orElse("gone"), "gone");
        }
    }

    @Test
    void reportsQueueWhileTheGmIsDownAndEachArrivesOnceWhenItIsBack() throws Exception {
        GmConfig gmConfig = GmConfig.defaults(dataDir).withPort(freePort()).withToken(Token.ensure(dataDir))
                .withNodeTimeout(Duration.ofSeconds(3));
        LcTimings fast = new LcTimings(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofMillis(50),
                Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(1));
        GlobalManager gm = GlobalManager.start(gmConfig);
        String server = gm.url().toString();
        try (LocalController cloud = node(gm, "cloud", fast); LocalController edge = node(gm, "edge-1", fast)) {
            assertThat(sedna(server, "apply", "-f", MANIFESTS.resolve("reporting-probe.yaml").toString()).exitCode())
                    .isZero();
            Path log = dataDir.resolve("nodes/edge-1/workers/counted-edge/log");
            await("the first reports arrive", () -> sedna(server, "describe", "ji", "counted").out(), "reports: [2-9]");

            gm.close();
            double appliedBefore = applied(gm.metrics());
            Thread.sleep(3000);
            assertThat(edge.pendingReports()).as("reports queue on the edge while the GM is down").isPositive();
            assertThat(Files.readString(log)).as("the worker keeps running").doesNotContain("--- exited");

            gm = GlobalManager.start(gmConfig);
            await("the probe has sent its last report", () -> read(log), "--- exited with code 0");
            int sent = lastReport(read(log));
            await("every report is delivered", () -> sedna(server, "describe", "ji", "counted").out(),
                    "reports: " + sent + "\n");
            assertThat(edge.pendingReports()).isZero();
            assertThat(appliedBefore + applied(gm.metrics()))
                    .as("status frames applied by the two GMs, against the %d reports the worker sent", sent)
                    .isEqualTo(sent);
        } finally {
            gm.close();
        }
    }

    @Test
    void resourcesThatCannotRunSayWhyInTheirConditions() {
        try (UpCommand.AllInOne cluster = UpCommand.AllInOne.start(dataDir, 0, 1)) {
            String server = cluster.url().toString();
            CliRun apply = sedna(server, "apply", "-f", MANIFESTS.resolve("bad-placement.yaml").toString());
            assertThat(apply.exitCode()).as(apply.all()).isZero();

            await("an unknown node is named", () -> sedna(server, "describe", "ji", "unknown-node").out(),
                    "NodeNotFound .*edge-9");
            await("a missing command fails the job with the reason",
                    () -> sedna(server, "describe", "reid", "no-such-command").out(),
                    "Failed .*WorkerFailed .*command not found: /nonexistent/reid-worker");
            await("a missing Model is named", () -> sedna(server, "describe", "va", "missing-model").out(),
                    "ModelNotFound .*detector-that-was-never-created");
            assertThat(sedna(server, "get", "nodes").out()).contains("cloud", "edge-1", "Ready");
        }
    }

    @Test
    void aFailedJobAppliedAgainUnchangedIsRetried() throws IOException {
        Path input = dataDir.resolve("input.txt");
        Path manifest = Files.writeString(dataDir.resolve("job.yaml"), """
                apiVersion: sedna.io/v1alpha1
                kind: ReidJob
                metadata:
                  name: needs-input
                spec:
                  backoffLimit: 0
                  template:
                    spec:
                      nodeName: cloud
                      restartPolicy: Never
                      containers:
                        - name: reid
                          command: ["/bin/cat", "%s"]
                """.formatted(input));
        try (UpCommand.AllInOne cluster = UpCommand.AllInOne.start(dataDir, 0, 0)) {
            String server = cluster.url().toString();
            assertThat(sedna(server, "apply", "-f", manifest.toString()).exitCode()).isZero();
            await("the job fails without its input", () -> sedna(server, "get", "reid").out(), "needs-input +Failed");

            Files.writeString(input, "the input it needed\n");
            CliRun again = sedna(server, "apply", "-f", manifest.toString());

            assertThat(again.out()).contains("reidjob/needs-input retried");
            await("the retried job completes", () -> sedna(server, "get", "reid").out(), "needs-input +Succeeded");
            assertThat(read(dataDir.resolve("nodes/cloud/workers/needs-input-reid/log"))).contains("the input it needed");
            assertThat(sedna(server, "apply", "-f", manifest.toString()).out()).contains("reidjob/needs-input unchanged");
        }
    }

    private LocalController node(GlobalManager gm, String name, LcTimings timings) {
        return LocalController.start(LcConfig.defaults(gm.url(), name, dataDir.resolve("nodes").resolve(name))
                .withToken(Token.ensure(dataDir)).withWorkerApiPort(0)
                .withLabels(name.equals("cloud") ? UpCommand.CLOUD_LABELS : UpCommand.EDGE_LABELS), timings);
    }

    private static CliRun sedna(String server, String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--server";
        all[args.length + 1] = server;
        return CliRun.of(all);
    }

    /** Polls until the text matches the pattern; the last text is in the failure message. */
    private static String await(String what, Supplier<String> text, String pattern) {
        Pattern p = Pattern.compile(pattern);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = text.get();
            if (p.matcher(last).find()) {
                return last;
            }
            sleep(250);
        }
        throw new AssertionError("timed out waiting until " + what + "; last saw:\n" + last);
    }

    private static long pid(String table, String worker) {
        Matcher m = Pattern.compile(worker + " .*started pid (\\d+)").matcher(table);
        assertThat(m.find()).as("a pid for %s in:%n%s", worker, table).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static int lastReport(String log) {
        Matcher m = Pattern.compile("probe: report (\\d+) sent").matcher(log);
        int last = 0;
        while (m.find()) {
            last = Integer.parseInt(m.group(1));
        }
        return last;
    }

    private static double applied(MeterRegistry registry) {
        Counter c = registry.find("sedna_link_applied_frames").tags("node", "edge-1", "operation", "status").counter();
        return c == null ? 0 : c.count();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
