package io.sedna4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedna4j.bench.jvm.Machine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * How the Global Manager scales with the number of connected Local Controllers. For each N it starts a GM in
 * process (temp data dir, port 0, a token), connects N simulated LCs, measures heap per node and connect time,
 * creates one FederatedLearningJob over all N nodes (with its Model and N Datasets) and measures the time until it
 * is Running, the dispatch latency of each {@code worker/run} and the reconcile rate; then the same N clients
 * against a bare Javalin WebSocket endpoint, for ratios over a transport-only baseline.
 *
 * <p>Each N runs in a fresh JVM with this JVM's options (so {@code -Xmx1g} applies to each run, an
 * OutOfMemoryError ends only that run, and heap figures start clean); {@code --in-process} runs them here instead.
 * N grows until a run fails or exceeds its budget. See {@code bench/run-gm-scale.sh} and docs/benchmarks.md.
 */
public final class GmScaleBenchmark {
    static final String RESULT = "RESULT ";
    private static final ObjectMapper JSON = new ObjectMapper();

    private GmScaleBenchmark() {
    }

    static final class Args {
        List<Integer> nodes = List.of(100, 500, 1000, 2000, 5000, 10000);
        Duration budget = Duration.ofMinutes(5);
        Duration baselineBudget = Duration.ofMinutes(2);
        int clientThreads = 2;
        int repeat = 1;
        long heartbeatMillis = 5000;
        boolean baseline = true;
        boolean histogram = true;
        boolean inProcess;
        Integer child;
        Path logDir = Path.of("bench", "target", "gm-scale");
        Path out;

        static Args parse(String[] argv) {
            Args a = new Args();
            for (int i = 0; i < argv.length; i++) {
                String arg = argv[i];
                switch (arg) {
                    case "--nodes" -> a.nodes = parseNodes(value(argv, ++i, arg));
                    case "--budget" -> a.budget = Duration.ofSeconds(Long.parseLong(value(argv, ++i, arg)));
                    case "--baseline-budget" -> a.baselineBudget = Duration.ofSeconds(Long.parseLong(value(argv, ++i, arg)));
                    case "--client-threads" -> a.clientThreads = Integer.parseInt(value(argv, ++i, arg));
                    case "--repeat" -> a.repeat = Integer.parseInt(value(argv, ++i, arg));
                    case "--heartbeat" -> a.heartbeatMillis = Long.parseLong(value(argv, ++i, arg)) * 1000;
                    case "--no-baseline" -> a.baseline = false;
                    case "--no-histogram" -> a.histogram = false;
                    case "--in-process" -> a.inProcess = true;
                    case "--log-dir" -> a.logDir = Path.of(value(argv, ++i, arg));
                    case "--out" -> a.out = Path.of(value(argv, ++i, arg));
                    case "--child" -> a.child = Integer.parseInt(value(argv, ++i, arg));
                    case "-h", "--help" -> {
                        usage(System.out);
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + arg + "; see --help");
                }
            }
            if (a.out == null) {
                a.out = a.logDir.resolve("results.md");
            }
            return a;
        }

        private static List<Integer> parseNodes(String s) {
            List<Integer> list = new ArrayList<>();
            for (String part : s.split(",")) {
                int n = Integer.parseInt(part.trim());
                if (n < 1) {
                    throw new IllegalArgumentException("--nodes wants positive counts, got " + n);
                }
                list.add(n);
            }
            return list;
        }

        private static String value(String[] argv, int i, String option) {
            if (i >= argv.length) {
                throw new IllegalArgumentException(option + " needs a value; see --help");
            }
            return argv[i];
        }

        List<String> childArgs(int n) {
            List<String> list = new ArrayList<>(List.of("--child", Integer.toString(n), "--budget",
                    Long.toString(budget.toSeconds()), "--baseline-budget", Long.toString(baselineBudget.toSeconds()),
                    "--client-threads", Integer.toString(clientThreads), "--heartbeat",
                    Long.toString(heartbeatMillis / 1000), "--log-dir", logDir.toString()));
            if (!baseline) {
                list.add("--no-baseline");
            }
            if (!histogram) {
                list.add("--no-histogram");
            }
            return list;
        }
    }

    static void usage(PrintStream out) {
        out.println("""
                usage: java -Xmx1g -cp 'bench/target/lib/*' io.sedna4j.bench.GmScaleBenchmark [options]
                  --nodes N,N,...        node counts, run in order until one fails (default 100,500,1000,2000,5000,10000)
                  --budget S             limit of the GM part of one run: connect, datasets, job Running (default 300)
                  --baseline-budget S    limit of each baseline step (default 120)
                  --client-threads T     threads of the simulated nodes' HttpClient (default 2)
                  --repeat R             run each N R times, a row each (default 1)
                  --heartbeat S          heartbeat period of the simulated nodes (default 5)
                  --no-baseline          skip the transport-only baseline
                  --no-histogram         skip the class histograms (heap growth by class)
                  --in-process           run every N in this JVM instead of a fresh JVM each
                  --log-dir DIR          GM logs and results (default bench/target/gm-scale)
                  --out FILE             the Markdown tables (default <log-dir>/results.md)""");
    }

    public static void main(String[] argv) throws Exception {
        Args args;
        try {
            args = Args.parse(argv);
        } catch (IllegalArgumentException e) {
            System.err.println("gm-scale: " + e.getMessage());
            usage(System.err);
            System.exit(2);
            return;
        }
        Files.createDirectories(args.logDir);
        if (args.child != null) {
            System.exit(child(args, args.child) ? 0 : 1);
        }
        System.exit(parent(args) ? 0 : 1);
    }

    /** One N in this JVM; its figures on standard output as RESULT lines, progress on standard error. */
    private static boolean child(Args args, int n) {
        Path log = args.logDir.toAbsolutePath().resolve("gm-" + n + ".log");
        configureLogging(log);
        GmScaleRun.Options o = new GmScaleRun.Options(n, args.budget, args.baselineBudget, args.clientThreads,
                args.heartbeatMillis, args.baseline, args.histogram, log);
        ObjectNode r = new GmScaleRun(o, result -> {
            synchronized (System.out) {
                System.out.println(RESULT + result.toString());
                System.out.flush();
            }
        }, System.err::println).run();
        return "ok".equals(r.path("status").asText());
    }

    /** The GM logs at info level to a file per run, so that the summary can show what it says at scale. */
    private static void configureLogging(Path log) {
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // slf4j-simple appends; an old file only adds lines
        }
        setDefault("org.slf4j.simpleLogger.logFile", log.toString());
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", "info");
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static boolean parent(Args args) throws Exception {
        Report report = new Report();
        long openFiles = Machine.openFilesLimit();
        PrintStream out = System.out;
        String machine = Machine.describe(); // before the runs: the load average is the machine's, not ours
        out.println("# GM scale, " + LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS));
        out.println();
        out.println("machine: " + machine);
        out.println("heap: -Xmx " + Math.round(Runtime.getRuntime().maxMemory() / 1048576.0) + " MB per run"
                + (args.inProcess ? " (all runs in this JVM)" : " (a fresh JVM per N)") + "; open files limit "
                + openFiles + "; client threads " + args.clientThreads);
        out.println();
        boolean allOk = true;
        for (int n : args.nodes) {
            long needed = 2L * n + 300; // both ends of every connection are in the one JVM
            if (openFiles > 0 && openFiles < needed) {
                String why = "skipped: " + n + " nodes need about " + needed + " open files (both ends of each "
                        + "connection are in one JVM), the limit is " + openFiles + " (ulimit -n)";
                out.println("N=" + n + " " + why);
                report.skip(n, why);
                allOk = false;
                break;
            }
            boolean ok = true;
            for (int k = 0; k < args.repeat && ok; k++) {
                JsonNode r = args.inProcess ? inProcess(args, n) : inChild(args, n);
                report.add(r);
                out.println(report.lastRow());
                out.flush();
                ok = "ok".equals(r.path("status").asText());
            }
            if (!ok) {
                allOk = false;
                break;
            }
        }
        String tables = report.markdown(args);
        out.println();
        out.println(tables);
        Files.writeString(args.out, "machine: " + machine + "\n\n" + tables);
        Files.writeString(args.logDir.resolve("results.json"), JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(report.results()));
        out.println("(tables in " + args.out + ", every figure in " + args.logDir.resolve("results.json") + ")");
        return allOk;
    }

    private static JsonNode inProcess(Args args, int n) {
        Path log = args.logDir.toAbsolutePath().resolve("gm-" + n + ".log");
        configureLogging(log); // slf4j-simple reads it once: every run shares the first file
        GmScaleRun.Options o = new GmScaleRun.Options(n, args.budget, args.baselineBudget, args.clientThreads,
                args.heartbeatMillis, args.baseline, args.histogram, null);
        return new GmScaleRun(o, r -> { }, System.err::println).run();
    }

    /** Runs one N in a fresh JVM with this JVM's options; the last RESULT line it printed is its figures. */
    private static JsonNode inChild(Args args, int n) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String opt : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!opt.startsWith("-agentlib:jdwp") && !opt.startsWith("-javaagent")) {
                cmd.add(opt);
            }
        }
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(GmScaleBenchmark.class.getName());
        cmd.addAll(args.childArgs(n));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String[] last = {null};
        boolean[] oom = {false};
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith(RESULT)) {
                        last[0] = line.substring(RESULT.length());
                    } else {
                        oom[0] |= line.contains("OutOfMemoryError");
                        System.err.println("  | " + line);
                    }
                }
            } catch (IOException e) {
                System.err.println("  | (output lost: " + e + ")");
            }
        }, "child-output");
        reader.start();
        long limit = args.budget.toSeconds() + (args.baseline ? 3 * args.baselineBudget.toSeconds() : 0) + 120;
        boolean exited = p.waitFor(limit, TimeUnit.SECONDS);
        if (!exited) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        reader.join(5000);
        ObjectNode r = last[0] == null ? JSON.createObjectNode().put("nodes", n) : (ObjectNode) JSON.readTree(last[0]);
        if (!exited) {
            markFailed(r, "the run did not end within " + limit + " s and was killed");
        } else if (oom[0]) {
            markFailed(r, "OutOfMemoryError (-Xmx " + Math.round(Runtime.getRuntime().maxMemory() / 1048576.0)
                    + " MB) in phase " + r.path("phase").asText("?"));
        } else if (p.exitValue() != 0 && !Set.of("failed", "exceeded").contains(r.path("status").asText())) {
            markFailed(r, "the run exited with " + p.exitValue() + " in phase " + r.path("phase").asText("?"));
        }
        return r;
    }

    private static void markFailed(ObjectNode r, String why) {
        r.put("status", "failed");
        r.put("failure", r.has("failure") ? r.get("failure").asText() + "; " + why : why);
    }

    static String fmt(double v, int digits) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }
}
