package io.sedna4j.bench.jointinference;

import io.sedna4j.backend.onnx.OnnxEstimator;
import io.sedna4j.backend.onnx.OnnxOptions;
import io.sedna4j.bench.Percentiles;
import io.sedna4j.lib.estimator.Estimator;
import io.sedna4j.lib.jointinference.BigModelService;
import io.sedna4j.lib.jointinference.CloudClient;
import io.sedna4j.lib.jointinference.Codec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Joint inference, cloud side: an ONNX MLP served by {@link BigModelService} on loopback against the same model
 * called in process, same inputs, one JVM. (1) throughput with {@code --threads} concurrent callers; (2) latency of
 * one sequential caller. Every measurement: {@code --warmup} seconds of the same calls, then {@code --requests}
 * requests or {@code --seconds} seconds, whichever comes first.
 */
public final class JointInferenceBenchmark {
    private int threads = 8;
    private int requests = 2000;
    private double seconds = 8;
    private double warmup = 2;
    private int intraOp = 1;
    private int[] widths = {1024, 4096, 4096, 10};
    private boolean noDelay;

    /** One caller's request {@code i}; returns false when it got no answer. */
    private interface Call {
        boolean call(int i) throws Exception;
    }

    record Throughput(String name, int done, int failed, double seconds) {
        double perSecond() {
            return done / seconds;
        }
    }

    record Latency(String name, Percentiles micros, int failed) {
    }

    public static void main(String[] args) throws Exception {
        JointInferenceBenchmark b = new JointInferenceBenchmark();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> b.threads = Integer.parseInt(args[++i]);
                case "--requests" -> b.requests = Integer.parseInt(args[++i]);
                case "--seconds" -> b.seconds = Double.parseDouble(args[++i]);
                case "--warmup" -> b.warmup = Double.parseDouble(args[++i]);
                case "--intra-op-threads" -> b.intraOp = Integer.parseInt(args[++i]);
                case "--tcp-nodelay" -> b.noDelay = true;
                case "--widths" -> b.widths = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                default -> {
                    System.out.println("""
                            usage: JointInferenceBenchmark [--threads 8] [--requests 2000] [--seconds 8] [--warmup 3]
                                   [--intra-op-threads 1] [--widths 1024,4096,4096,10] [--tcp-nodelay]
                            --tcp-nodelay: the JDK HTTP server (BigModelService's) sets TCP_NODELAY on its
                            connections (-Dsun.net.httpserver.nodelay=true); without it, as shipped""");
                    System.exit(args[i].equals("--help") ? 0 : 2);
                }
            }
        }
        if (b.noDelay) {
            // read once, when the JDK HTTP server's configuration class loads: before the first service starts
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        b.run();
    }

    private void run() throws Exception {
        Path dir = Files.createTempDirectory("sedna4j-ji-bench");
        Path model = MlpModel.write(dir.resolve("mlp.onnx"), 42, widths);
        System.out.printf(Locale.ROOT, "model: MLP %s, float32, dynamic batch, %.1f M MAC/row, %d MB; "
                        + "ONNX Runtime intra-op threads %d; %d CPUs; load %s%n",
                Arrays.toString(widths), MlpModel.macs(widths) / 1e6, Files.size(model) >> 20, intraOp,
                Runtime.getRuntime().availableProcessors(), loadAverage());
        System.out.println("JDK HTTP server TCP_NODELAY: " + (noDelay ? "on (sun.net.httpserver.nodelay=true)"
                : "off (as shipped)"));
        System.out.printf(Locale.ROOT, "each measurement: %.0f s warm-up, then %d requests or %.0f s%n%n",
                warmup, requests, seconds);
        SplittableRandom random = new SplittableRandom(7);
        float[][] inputs = new float[64][widths[0]];
        for (float[] x : inputs) {
            for (int j = 0; j < x.length; j++) {
                x[j] = (float) random.nextDouble(-1, 1);
            }
        }
        byte[][] inputBytes = Arrays.stream(inputs).map(BytesEstimator::bytes).toArray(byte[][]::new);
        Duration timeout = Duration.ofSeconds(30);
        try (OnnxEstimator onnx = OnnxEstimator.open(model, OnnxOptions.defaults().withIntraOpThreads(intraOp))) {
            System.out.println("OnnxEstimator.isThreadSafe() = " + onnx.isThreadSafe());
            VectorEstimator serial = new VectorEstimator(onnx, onnx.isThreadSafe());
            VectorEstimator concurrent = new VectorEstimator(onnx, true);
            Codec<float[]> json = Codec.json(float[].class);
            List<Throughput> tp = new ArrayList<>();
            List<Latency> lat = new ArrayList<>();

            // 1. throughput
            tp.add(throughput("in-process ONNX Runtime (baseline)", t -> i -> {
                onnx.predict(VectorEstimator.feed(inputs[i % inputs.length]));
                return true;
            }));
            tp.add(service("BigModelService, JSON, estimator as it is (isThreadSafe=" + onnx.isThreadSafe() + ")",
                    serial, json, inputs, timeout));
            tp.add(service("BigModelService, JSON, declared thread-safe", concurrent, json, inputs, timeout));
            tp.add(service("BigModelService, bytes, declared thread-safe", new BytesEstimator(concurrent),
                    Codec.bytes(), inputBytes, timeout));

            // 2. latency, one sequential client
            lat.add(latency("in-process predict (baseline)", i -> {
                onnx.predict(VectorEstimator.feed(inputs[i % inputs.length]));
                return true;
            }));
            lat.add(serviceLatency("CloudClient → BigModelService, JSON", concurrent, json, inputs, timeout));
            lat.add(serviceLatency("CloudClient → BigModelService, bytes", new BytesEstimator(concurrent),
                    Codec.bytes(), inputBytes, timeout));

            System.out.printf(Locale.ROOT, "%n### Throughput, %d concurrent callers%n%n", threads);
            System.out.println("| path | requests | failed | s | requests/s | ratio to baseline |");
            System.out.println("|---|---:|---:|---:|---:|---:|");
            double base = tp.get(0).perSecond();
            for (Throughput t : tp) {
                System.out.printf(Locale.ROOT, "| %s | %d | %d | %.2f | %.0f | %.2f× |%n", t.name, t.done, t.failed,
                        t.seconds, t.perSecond(), t.perSecond() / base);
            }
            System.out.printf(Locale.ROOT, "%n### Latency, one sequential caller (µs)%n%n");
            System.out.println("| path | requests | failed | p50 | p99 | added p50 | added p99 |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|");
            Latency l0 = lat.get(0);
            for (Latency l : lat) {
                System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d |%n", l.name, l.micros.count(),
                        l.failed, l.micros.at(50), l.micros.at(99), l.micros.at(50) - l0.micros.at(50),
                        l.micros.at(99) - l0.micros.at(99));
            }
            System.out.println();
            System.out.println("load at the end: " + loadAverage());
        } finally {
            Files.deleteIfExists(model);
            Files.deleteIfExists(dir);
        }
    }

    private <T> Throughput service(String name, Estimator<T, T> estimator, Codec<T> codec, T[] inputs,
            Duration timeout) throws Exception {
        try (BigModelService<T, T> service = BigModelService.builder(estimator, codec, codec).host("127.0.0.1")
                .port(0).threads(threads).service("bench").start()) {
            List<CloudClient<T, T>> clients = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                clients.add(client(service, codec, timeout));
            }
            check(name, estimator, clients.get(0), inputs[0]);
            return throughput(name, t -> i -> clients.get(t).predict(inputs[i % inputs.length]).isPresent());
        }
    }

    private <T> Latency serviceLatency(String name, Estimator<T, T> estimator, Codec<T> codec, T[] inputs,
            Duration timeout) throws Exception {
        try (BigModelService<T, T> service = BigModelService.builder(estimator, codec, codec).host("127.0.0.1")
                .port(0).threads(threads).service("bench").start()) {
            CloudClient<T, T> client = client(service, codec, timeout);
            check(name, estimator, client, inputs[0]);
            return latency(name, i -> client.predict(inputs[i % inputs.length]).isPresent());
        }
    }

    private static <T> CloudClient<T, T> client(BigModelService<T, T> service, Codec<T> codec, Duration timeout) {
        // no retries and a circuit that never opens: every failure is counted, none is hidden
        return CloudClient.builder(service.endpoint(), codec, codec).timeout(timeout).retries(0)
                .circuit(Integer.MAX_VALUE, Duration.ofMillis(1)).build();
    }

    /** The service answers what the model answers in process, or the run stops. */
    private static <T> void check(String name, Estimator<T, T> estimator, CloudClient<T, T> client, T input) {
        Optional<T> remote = client.predict(input);
        T local = estimator.predict(input);
        Function<T, float[]> floats = v -> v instanceof byte[] b ? BytesEstimator.floats(b) : (float[]) v;
        if (remote.isEmpty() || !Arrays.equals(floats.apply(remote.get()), floats.apply(local))) {
            throw new IllegalStateException(name + ": the service's answer differs from the model's");
        }
    }

    private Throughput throughput(String name, IntFunction<Call> callers) throws InterruptedException {
        System.out.println("throughput: " + name + " …");
        long warmEnd = System.nanoTime() + (long) (warmup * 1e9);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong start = new AtomicLong();
        AtomicLong deadline = new AtomicLong();
        CountDownLatch warm = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Call call = callers.apply(t);
            int offset = t * 7;
            Thread worker = new Thread(() -> {
                try {
                    for (int i = offset; System.nanoTime() < warmEnd; i++) {
                        call.call(i);
                    }
                    warm.countDown();
                    go.await();
                    for (int i; (i = next.getAndIncrement()) < requests && System.nanoTime() < deadline.get(); ) {
                        if (call.call(i + offset)) {
                            done.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                    System.err.println(name + ": " + e);
                }
            }, "caller-" + t);
            workers.add(worker);
            worker.start();
        }
        warm.await();
        start.set(System.nanoTime());
        deadline.set(start.get() + (long) (seconds * 1e9));
        go.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        return new Throughput(name, done.get(), failed.get(), (System.nanoTime() - start.get()) / 1e9);
    }

    private Latency latency(String name, Call call) throws Exception {
        System.out.println("latency: " + name + " …");
        long warmEnd = System.nanoTime() + (long) (warmup * 1e9);
        for (int i = 0; System.nanoTime() < warmEnd; i++) {
            call.call(i);
        }
        long[] micros = new long[requests];
        int n = 0;
        int failed = 0;
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        for (int i = 0; i < requests && System.nanoTime() < deadline; i++) {
            long t0 = System.nanoTime();
            boolean ok = call.call(i);
            long t1 = System.nanoTime();
            if (ok) {
                micros[n++] = (t1 - t0) / 1000;
            } else {
                failed++;
            }
        }
        return new Latency(name, new Percentiles(Arrays.copyOf(micros, n)), failed);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "n/a";
        }
    }
}
