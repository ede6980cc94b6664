package io.sedna4j.lc;

import static io.sedna4j.lc.TestLc.NODE;
import static io.sedna4j.lc.TestLc.TOKEN;
import static io.sedna4j.lc.TestLc.WAIT;
import static io.sedna4j.lc.TestLc.alive;
import static io.sedna4j.lc.TestLc.await;
import static io.sedna4j.lc.TestLc.awaitTrue;
import static io.sedna4j.lc.TestLc.builtin;
import static io.sedna4j.lc.TestLc.command;
import static io.sedna4j.lc.TestLc.phase;
import static io.sedna4j.lc.TestLc.phases;
import static io.sedna4j.lc.TestLc.pid;
import static io.sedna4j.lc.TestLc.running;
import static io.sedna4j.lc.TestLc.sleep;
import static org.assertj.core.api.Assertions.assertThat;

import io.sedna4j.api.k8s.EnvVar;
import io.sedna4j.api.link.Frame;
import io.sedna4j.api.link.Operation;
import io.sedna4j.api.link.UpstreamMessage;
import io.sedna4j.api.link.WorkerPhase;
import io.sedna4j.api.link.WorkerSpec;
import io.sedna4j.api.link.WorkerStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SuppressWarnings("try") // an LC kept open by try-with-resources, and closed on purpose in the middle
class WorkerLauncherTest {
    @TempDir
    Path dir;

    private Path log(String worker) {
        return dir.resolve("nodes").resolve(NODE).resolve("workers").resolve(worker).resolve("log");
    }

    @Test
    void aCommandRunsWithTheWorkerEnvironmentInItsDirectoryAndItsLogRecordsStartAndExit() throws Exception {
        Path work = Files.createDirectory(dir.resolve("work"));
        WorkerSpec env = command("env-worker", "Never", 0, "/usr/bin/env");
        env.template().spec.containers.get(0).env = List.of(new EnvVar("FOO", "bar"),
                TestLc.fieldRef("MY_NODE", "spec.nodeName"), TestLc.fieldRef("MY_NS", "metadata.namespace"),
                TestLc.fieldRef("MY_POD", "metadata.name"));
        WorkerSpec pwd = command("pwd-worker", "OnFailure", 0, "/bin/pwd");
        pwd.template().spec.containers.get(0).workingDir = work.toString();
        try (FakeGm gm = FakeGm.start(0, TOKEN); LocalController lc = TestLc.start(gm, dir)) {
            gm.awaitConnection(1, WAIT);
            TestLc.run(gm, env);
            TestLc.run(gm, pwd);
            WorkerStatus done = await(gm, phase("env-worker", WorkerPhase.Succeeded));
            assertThat(done.exitCode()).isZero();
            assertThat(done.node()).isEqualTo(NODE);
            assertThat(done.owner()).isEqualTo(TestLc.OWNER);
            await(gm, phase("pwd-worker", WorkerPhase.Succeeded));

            String out = Files.readString(log("env-worker"));
            assertThat(out).containsPattern("(?m)^--- started pid \\d+ at \\d{4}-")
                    .containsPattern("(?m)^--- exited with code 0 at ")
                    .contains("FOO=bar", "MY_NODE=" + NODE, "MY_NS=default", "MY_POD=env-worker",
                            "LC_SERVER=http://127.0.0.1:" + lc.workerApiPort(), "NODE_NAME=" + NODE,
                            "WORKER_NAME=env-worker");
            assertThat(Files.readString(log("pwd-worker"))).contains(work.toRealPath().toString());
        }
    }

    @Test
    void aKilledWorkerIsRestartedAfterABackoffAndTheRestartIsReported() throws Exception {
        try (FakeGm gm = FakeGm.start(0, TOKEN); LocalController lc = TestLc.start(gm, dir)) {
            gm.awaitConnection(1, WAIT);
            TestLc.run(gm, command("sleeper", "Always", 3, "/bin/sleep", "30"));
            long first = pid(await(gm, running("sleeper", 0)));
            ProcessHandle.of(first).orElseThrow().destroyForcibly();

            WorkerStatus waiting = await(gm, phase("sleeper", WorkerPhase.Pending));
            assertThat(waiting.exitCode()).isEqualTo(137);
            assertThat(waiting.message()).contains("killed by signal 9", "restarting in 100 ms");
            WorkerStatus again = await(gm, running("sleeper", 1));
            assertThat(Duration.between(Instant.parse(waiting.time()), Instant.parse(again.time())))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(90));
            long second = pid(again);
            assertThat(second).isNotEqualTo(first);
            assertThat(alive(second)).isTrue();
            assertThat(Files.readString(log("sleeper"))).contains("--- exited with code 137");
        }
    }

    @Test
    void aWorkerThatKeepsFailingIsFailedOnceItsBackoffLimitIsReached() throws Exception {
        try (FakeGm gm = FakeGm.start(0, TOKEN); LocalController lc = TestLc.start(gm, dir)) {
            gm.awaitConnection(1, WAIT);
            TestLc.run(gm, command("flaky", "OnFailure", 2, "/bin/false"));
            WorkerStatus failed = await(gm, phase("flaky", WorkerPhase.Failed));
            assertThat(failed.restarts()).isEqualTo(2);
            assertThat(failed.exitCode()).isEqualTo(1);
            assertThat(failed.message()).contains("exited with code 1", "backoffLimit 2 reached");
            sleep(500);
            List<WorkerStatus> all = phases(gm, "flaky");
            assertThat(all).filteredOn(s -> s.phase() == WorkerPhase.Running).hasSize(3);
            assertThat(all).filteredOn(s -> s.phase() == WorkerPhase.Pending).extracting(WorkerStatus::message)
                    .anyMatch(m -> m.endsWith("restarting in 100 ms")).anyMatch(m -> m.endsWith("restarting in 200 ms"));
            assertThat(all.get(all.size() - 1).phase()).isEqualTo(WorkerPhase.Failed);
        }
    }

    @Test
    void aMissingCommandFailsAtOnceWithoutACrashLoop() throws Exception {
        try (FakeGm gm = FakeGm.start(0, TOKEN); LocalController lc = TestLc.start(gm, dir)) {
            gm.awaitConnection(1, WAIT);
            TestLc.run(gm, command("ghost", "Always", 5, "/nonexistent/sedna-tool", "--serve"));
            WorkerStatus failed = await(gm, phase("ghost", WorkerPhase.Failed));
            assertThat(failed.message()).startsWith("command not found: /nonexistent/sedna-tool");
            sleep(500);
            assertThat(phases(gm, "ghost")).hasSize(1);
        }
    }

    @Test
    void anUnknownBuiltinWorkerFailsAndNamesTheKnownOnes() throws Exception {
        try (FakeGm gm = FakeGm.start(0, TOKEN); LocalController lc = TestLc.start(gm, dir)) {
            gm.awaitConnection(1, WAIT);
            TestLc.run(gm, builtin("nobody", "no-such-worker"));
            WorkerStatus failed = await(gm, phase("nobody", WorkerPhase.Failed));
            assertThat(failed.message()).startsWith("unknown built-in worker \"no-such-worker\"; known: ")
                    .contains("test-echo");
        }
    }

    @Test
    void aBuiltinWorkerRunsInAChildJvmReportsThroughTheWorkerApiAndStopsWhenTold() throws Exception {
        try (FakeGm gm = FakeGm.start(0, TOKEN); LocalController lc = TestLc.start(gm, dir)) {
            gm.awaitConnection(1, WAIT);
            WorkerSpec echo = builtin("echo-0", "test-echo", "svc", "30000");
            TestLc.run(gm, echo);
            long pid = pid(await(gm, running("echo-0", 0)));
            Frame report = gm.await(f -> f.header() != null && Operation.STATUS.equals(f.header().operation()), WAIT);
            assertThat(report.header()).isEqualTo(new Frame.Header("default", "jointinferenceservice", "svc",
                    Operation.STATUS));
            UpstreamMessage m = report.content(UpstreamMessage.class);
            assertThat(m.phase()).isEqualTo("inference");
            assertThat(m.status()).isEqualTo("running");
            assertThat(m.output().path("ownerInfo").path("inferenceNumber").asInt()).isEqualTo(7);
            assertThat(m.output().path("models").get(0).path("url").asText()).isEqualTo("/m.onnx");
            assertThat(ProcessHandle.of(pid).orElseThrow().info().command().orElse("")).endsWith("java");
            awaitTrue("the worker got its answer", () -> read(log("echo-0")).contains("posted: 200 {\"Status\":200"));

            TestLc.stop(gm, echo);
            awaitTrue("the stopped worker's JVM is gone", () -> !alive(pid));
            awaitTrue("the exit is logged", () -> read(log("echo-0")).contains("--- exited with code 143"));
        }
    }

    @Test
    void aWorkerThatIgnoresSigtermIsKilledAfterTheGracePeriod() throws Exception {
        try (FakeGm gm = FakeGm.start(0, TOKEN); LocalController lc = TestLc.start(gm, dir)) {
            gm.awaitConnection(1, WAIT);
            WorkerSpec stubborn = builtin("stubborn", "test-echo", "svc", "30000", "ignore-sigterm");
            TestLc.run(gm, stubborn);
            long pid = pid(await(gm, running("stubborn", 0)));
            awaitTrue("the worker is up", () -> read(log("stubborn")).contains("posted: 200"));
            long stopAt = System.nanoTime();
            TestLc.stop(gm, stubborn);
            awaitTrue("the worker got SIGTERM", () -> read(log("stubborn")).contains("SIGTERM received"));
            sleep(300);
            assertThat(alive(pid)).as("still alive before the grace period ends").isTrue();
            awaitTrue("SIGKILL after the 1 s grace period", () -> !alive(pid));
            assertThat(Duration.ofNanos(System.nanoTime() - stopAt)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        }
    }

    @Test
    void stoppingAWorkerAlsoStopsTheProcessesItStarted() throws Exception {
        try (FakeGm gm = FakeGm.start(0, TOKEN); LocalController lc = TestLc.start(gm, dir)) {
            gm.awaitConnection(1, WAIT);
            // the test may use a shell to make a grandchild; the LC itself never runs one
            WorkerSpec parent = command("parent", "Always", 3, "/bin/sh", "-c", "/bin/sleep 37 & wait");
            TestLc.run(gm, parent);
            long pid = pid(await(gm, running("parent", 0)));
            awaitTrue("the worker started its child", () -> ProcessHandle.of(pid).map(h -> h.children().count())
                    .orElse(0L) == 1);
            long child = ProcessHandle.of(pid).orElseThrow().children().findFirst().orElseThrow().pid();
            TestLc.stop(gm, parent);
            awaitTrue("worker and child are gone", () -> !alive(pid) && !alive(child));
        }
    }

    @Test
    void aChangedSpecReplacesTheProcessAndTheSameSpecAgainChangesNothing() throws Exception {
        try (FakeGm gm = FakeGm.start(0, TOKEN); LocalController lc = TestLc.start(gm, dir)) {
            gm.awaitConnection(1, WAIT);
            TestLc.run(gm, command("svc-0", "Always", 3, "/bin/sleep", "30"));
            long first = pid(await(gm, running("svc-0", 0)));
            WorkerSpec changed = command("svc-0", "Always", 3, "/bin/sleep", "31");
            TestLc.run(gm, changed);
            long second = pid(gm.await(running("svc-0", 0).and(f -> pidOf(f) != first), WAIT)
                    .content(WorkerStatus.class));
            assertThat(alive(first)).isFalse();
            assertThat(alive(second)).isTrue();
            assertThat(ProcessHandle.of(second).orElseThrow().info().arguments().orElseThrow()).containsExactly("31");

            int reports = phases(gm, "svc-0").size();
            TestLc.run(gm, changed);
            awaitTrue("the resent spec is answered with the worker's status", () -> phases(gm, "svc-0").size() > reports);
            WorkerStatus resent = phases(gm, "svc-0").get(reports);
            assertThat(resent.phase()).isEqualTo(WorkerPhase.Running);
            assertThat(pid(resent)).isEqualTo(second);
            assertThat(alive(second)).isTrue();
        }
    }

    @Test
    void closingTheLcLeavesNoWorkerProcessBehind() throws Exception {
        long sleeper;
        long jvm;
        try (FakeGm gm = FakeGm.start(0, TOKEN)) {
            LocalController lc = TestLc.start(gm, dir);
            gm.awaitConnection(1, WAIT);
            TestLc.run(gm, command("sleeper", "Always", 3, "/bin/sleep", "30"));
            TestLc.run(gm, builtin("echo-1", "test-echo", "svc", "30000"));
            sleeper = pid(await(gm, running("sleeper", 0)));
            jvm = pid(await(gm, running("echo-1", 0)));
            lc.close();
        }
        assertThat(alive(sleeper)).isFalse();
        assertThat(alive(jvm)).isFalse();
    }

    @Test
    void workersStoppedWithTheLcStartAgainWithTheNextOneUnlessTheyHadFinished() throws Exception {
        try (FakeGm gm = FakeGm.start(0, TOKEN)) {
            long first;
            try (LocalController lc = TestLc.start(gm, dir)) {
                gm.awaitConnection(1, WAIT);
                TestLc.run(gm, command("sleeper", "Always", 3, "/bin/sleep", "30"));
                TestLc.run(gm, command("once", "Never", 0, "/bin/true"));
                first = pid(await(gm, running("sleeper", 0)));
                await(gm, phase("once", WorkerPhase.Succeeded));
            }
            assertThat(alive(first)).isFalse();
            try (LocalController lc = TestLc.start(gm, dir)) {
                long second = pid(gm.await(running("sleeper", 0).and(f -> pidOf(f) != first), WAIT)
                        .content(WorkerStatus.class));
                assertThat(alive(second)).isTrue();
                gm.awaitConnection(2, WAIT);
                io.sedna4j.api.link.NodeReport report = gm.await(f -> f.header() != null
                        && Operation.HEARTBEAT.equals(f.header().operation())
                        && f.content(io.sedna4j.api.link.NodeReport.class).workers() != null
                        && gm.received.stream().anyMatch(r -> r.connection() == 2 && r.frame() == f), WAIT)
                        .content(io.sedna4j.api.link.NodeReport.class);
                assertThat(report.workers()).extracting(WorkerStatus::name, WorkerStatus::phase)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("sleeper", WorkerPhase.Running),
                                org.assertj.core.groups.Tuple.tuple("once", WorkerPhase.Succeeded));
                assertThat(phases(gm, "once")).filteredOn(s -> s.phase() == WorkerPhase.Running).hasSize(1);
            }
        }
    }

    @Test
    void anLcRestartedAfterACrashKillsTheWorkerItLeftAndStartsItAgain() throws Exception {
        try (FakeGm gm = FakeGm.start(0, TOKEN)) {
            Process crashing = TestLc.java(dir.resolve("lc-1.out"), TestLcMain.class, gm.url().toString(),
                    dir.toString());
            try {
                gm.awaitConnection(1, Duration.ofSeconds(20));
                TestLc.run(gm, command("survivor", "Always", 3, "/bin/sleep", "30"));
                long stale = pid(await(gm, running("survivor", 0)));
                crashing.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                sleep(200);
                assertThat(alive(stale)).as("kill -9 of the LC leaves its worker running").isTrue();

                try (LocalController lc = TestLc.start(gm, dir)) {
                    awaitTrue("the stale worker is killed", () -> !alive(stale));
                    long fresh = pid(gm.await(running("survivor", 0).and(f -> pidOf(f) != stale), WAIT)
                            .content(WorkerStatus.class));
                    assertThat(alive(fresh)).isTrue();
                    lc.close();
                    assertThat(alive(fresh)).isFalse();
                }
            } finally {
                crashing.destroyForcibly();
            }
        }
    }

    @Test
    void anLcProcessStoppedWithSigtermStopsItsWorkers() throws Exception {
        try (FakeGm gm = FakeGm.start(0, TOKEN)) {
            Process lc = TestLc.java(dir.resolve("lc.out"), TestLcMain.class, gm.url().toString(), dir.toString());
            try {
                gm.awaitConnection(1, Duration.ofSeconds(20));
                TestLc.run(gm, command("sleeper", "Always", 3, "/bin/sleep", "30"));
                long worker = pid(await(gm, running("sleeper", 0)));
                lc.destroy();
                assertThat(lc.waitFor(10, TimeUnit.SECONDS)).isTrue();
                assertThat(alive(worker)).isFalse();
            } finally {
                lc.destroyForcibly();
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long pidOf(Frame f) {
        return pid(f.content(WorkerStatus.class));
    }
}
