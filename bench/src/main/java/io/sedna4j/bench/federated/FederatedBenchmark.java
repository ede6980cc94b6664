package io.sedna4j.bench.federated;

import io.sedna4j.bench.Percentiles;
import io.sedna4j.lib.estimator.NamedTensors;
import io.sedna4j.lib.estimator.NamedTensors.Tensor;
import io.sedna4j.lib.federated.AggregationServer;
import io.sedna4j.lib.federated.Aggregator;
import io.sedna4j.lib.federated.ClientUpdate;
import io.sedna4j.lib.federated.DifferentialPrivacy;
import io.sedna4j.lib.federated.FedAvg;
import io.sedna4j.lib.federated.FixedPoint;
import io.sedna4j.lib.federated.PairwiseMasks;
import io.sedna4j.lib.tensor.Safetensors;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * (1) FedAvg aggregation throughput, in GB/s of float32 weights folded into the global model, against a plain
 * float-array sum loop and {@code System.arraycopy} over the same bytes, one JVM, one thread; plus what secure
 * aggregation adds (ring sum, mask expansion) and decoding updates from their safetensors bytes.
 * (2) Round latency of the aggregation server with {@code --clients} light WebSocket clients in this JVM that answer
 * every round at once with a small update: from one round's close to the next one's.
 */
public final class FederatedBenchmark {
    private int floats = 1 << 20;
    private int updates = 16;
    private double seconds = 2;
    private int repeats = 3;
    private int clients = 1000;
    private int rounds = 5;
    private int clientFloats = 100;

    public static void main(String[] args) throws Exception {
        FederatedBenchmark b = new FederatedBenchmark();
        boolean throughput = true;
        boolean latency = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--floats" -> b.floats = Integer.parseInt(args[++i]);
                case "--updates" -> b.updates = Integer.parseInt(args[++i]);
                case "--seconds" -> b.seconds = Double.parseDouble(args[++i]);
                case "--repeats" -> b.repeats = Integer.parseInt(args[++i]);
                case "--clients" -> b.clients = Integer.parseInt(args[++i]);
                case "--rounds" -> b.rounds = Integer.parseInt(args[++i]);
                case "--client-floats" -> b.clientFloats = Integer.parseInt(args[++i]);
                case "--throughput-only" -> latency = false;
                case "--latency-only" -> throughput = false;
                default -> {
                    System.out.println("""
                            usage: FederatedBenchmark [--floats 1048576] [--updates 16] [--seconds 2] [--repeats 3]
                                   [--clients 1000] [--rounds 5] [--client-floats 100]
                                   [--throughput-only | --latency-only]""");
                    System.exit(args[i].equals("--help") ? 0 : 2);
                }
            }
        }
        if (throughput) {
            b.throughput();
        }
        if (latency) {
            b.latency();
        }
    }

    // ---- (1) throughput ------------------------------------------------------------------------------------------

    private interface Pass {
        void run();
    }

    private void throughput() {
        SplittableRandom random = new SplittableRandom(1);
        List<ClientUpdate> list = new ArrayList<>();
        List<byte[]> encoded = new ArrayList<>();
        List<Map<String, long[]>> ring = new ArrayList<>();
        for (int u = 0; u < updates; u++) {
            float[] v = new float[floats];
            for (int i = 0; i < floats; i++) {
                v[i] = (float) random.nextGaussian();
            }
            NamedTensors t = new NamedTensors(Map.of("w", new Tensor(new long[] {floats}, v)));
            list.add(new ClientUpdate("c" + u, 1, 100 + u, t, Map.of()));
            encoded.add(Safetensors.write(t));
            ring.add(FixedPoint.encode(t, 100 + u, "c" + u));
        }
        double bytes = 4.0 * floats * updates;
        float[] sum = new float[floats];
        float[] copy = new float[floats];
        long[] ringSum = new long[floats];
        byte[] seed = new byte[32];
        System.out.printf(Locale.ROOT, "FedAvg aggregation: %d updates of %d float32 (%.1f MB each), %.0f s per"
                + " measurement, every path measured %d times in turn (median, min–max), one thread%n", updates,
                floats, floats * 4 / 1e6, seconds, repeats);
        Map<String, Pass> passes = new LinkedHashMap<>();
        passes.put("memory copy (System.arraycopy, baseline)", () -> {
            for (ClientUpdate u : list) {
                System.arraycopy(u.weights().tensors().get("w").values(), 0, copy, 0, floats);
            }
        });
        passes.put("plain float sum loop (sum[i] += x[i])", () -> {
            for (ClientUpdate u : list) {
                float[] x = u.weights().tensors().get("w").values();
                for (int i = 0; i < floats; i++) {
                    sum[i] += x[i];
                }
            }
        });
        passes.put("FedAvg.fold (sum[i] += w·x[i])", () -> {
            for (ClientUpdate u : list) {
                FedAvg.fold(sum, u.weights().tensors().get("w").values(), 0.0625f);
            }
        });
        passes.put("FedAvg.average (allocates the result)", () -> FedAvg.average(list));
        passes.put("FedAvg.average of safetensors bytes (decode included)", () -> {
            List<ClientUpdate> decoded = new ArrayList<>();
            for (int u = 0; u < encoded.size(); u++) {
                decoded.add(new ClientUpdate("c" + u, 1, 100, Safetensors.read(encoded.get(u)), Map.of()));
            }
            FedAvg.average(decoded);
        });
        passes.put("secure: ring sum of masked int64 (FixedPoint.add)", () -> {
            for (Map<String, long[]> r : ring) {
                FixedPoint.add(ringSum, r.get("w"));
            }
        });
        passes.put("secure: one pair mask per update (AES-CTR expansion)", () -> {
            for (Map<String, long[]> r : ring) {
                PairwiseMasks.apply(r, seed, 1);
            }
        });
        Map<String, double[]> gbs = new LinkedHashMap<>();
        passes.keySet().forEach(name -> gbs.put(name, new double[repeats]));
        for (int r = 0; r < repeats; r++) {
            for (var e : passes.entrySet()) {
                gbs.get(e.getKey())[r] = measure(bytes, e.getValue());
            }
        }
        double base = median(gbs.values().iterator().next());
        System.out.printf(Locale.ROOT, "| path | GB/s of float32 weights folded, median (min–max) | ratio to the"
                + " memory copy (medians) |%n|---|---:|---:|%n");
        gbs.forEach((name, v) -> System.out.printf(Locale.ROOT, "| %s | %.2f (%.2f–%.2f) | %.2f× |%n", name,
                median(v), java.util.Arrays.stream(v).min().orElse(0), java.util.Arrays.stream(v).max().orElse(0),
                median(v) / base));
        if (sum[0] == 12345.678f || copy[0] == 12345.678f || ringSum[0] == 42) {
            System.out.println(); // keeps the results alive
        }
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** GB/s of {@code bytes} per pass, after a warm-up of a third of the time and at least 10 passes. */
    private double measure(double bytes, Pass pass) {
        long warm = System.nanoTime() + (long) (seconds / 3 * 1e9);
        for (int i = 0; i < 10 || System.nanoTime() < warm; i++) {
            pass.run();
        }
        int passes = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long now;
        do {
            pass.run();
            passes++;
            now = System.nanoTime();
        } while (now < end);
        return bytes * passes / ((now - start) / 1e9) / 1e9;
    }

    // ---- (2) round latency ---------------------------------------------------------------------------------------

    private void latency() throws Exception {
        float[] init = new float[clientFloats];
        NamedTensors initial = new NamedTensors(Map.of("w", new Tensor(new long[] {clientFloats}, init)));
        List<Long> closes = new CopyOnWriteArrayList<>();
        try (AggregationServer server = AggregationServer.start(new FedAvg(false, DifferentialPrivacy.NONE),
                new Aggregator.Settings(clients, rounds, clients, Duration.ofMinutes(5)), initial, "bench",
                "127.0.0.1", 0)) {
            server.aggregator().onRound(r -> closes.add(System.nanoTime()));
            HttpClient http = HttpClient.newHttpClient();
            URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/FedAvg");
            long connectStart = System.nanoTime();
            List<CompletableFuture<WebSocket>> sockets = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                String id = String.format(Locale.ROOT, "client-%04d", c);
                sockets.add(http.newWebSocketBuilder().header("Authorization", "Bearer bench")
                        .buildAsync(uri, new LightClient(id, clientFloats)).thenApply(ws -> {
                            ws.sendText("{\"type\":\"subscribe\",\"client_id\":\"" + id + "\"}", true);
                            return ws;
                        }));
                if (c % 100 == 99) {
                    CompletableFuture.allOf(sockets.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
                }
            }
            CompletableFuture.allOf(sockets.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            System.out.printf(Locale.ROOT, "%nAggregation server round latency: %d clients over WebSocket in this JVM,"
                    + " %d float32 per update, %d rounds; connected in %.1f s%n", clients, clientFloats, rounds,
                    (System.nanoTime() - connectStart) / 1e9);
            if (!server.awaitFinished(Duration.ofMinutes(10))) {
                System.out.println("did not finish in 10 minutes; rounds closed: " + closes.size());
                return;
            }
            for (CompletableFuture<WebSocket> s : sockets) {
                s.get().abort();
            }
        }
        long[] micros = new long[closes.size() - 1];
        for (int i = 1; i < closes.size(); i++) {
            micros[i - 1] = (closes.get(i) - closes.get(i - 1)) / 1000;
        }
        Percentiles p = new Percentiles(micros);
        System.out.printf(Locale.ROOT, "rounds 2..%d, close to close: p50 %.1f ms, max %.1f ms%n", rounds,
                p.at(0.5) / 1000.0, p.max() / 1000.0);
    }

    /** Answers every recv_weight whose cohort lists it with an update of the round, at once. */
    private static final class LightClient implements WebSocket.Listener {
        private final String id;
        private final int floats;
        private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

        LightClient(String id, int floats) {
            this.id = id;
            this.floats = floats;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                byte[] message = binary.toByteArray();
                binary.reset();
                Map<String, String> meta = Safetensors.metadata(message, id);
                String next = meta.get("next_round");
                if ("continue".equals(meta.get("exit_flag")) && meta.get("cohort").contains("\"" + id + "\"")) {
                    float[] v = new float[floats];
                    java.util.Arrays.fill(v, 1f);
                    byte[] update = Safetensors.write(new NamedTensors(Map.of("w", new Tensor(new long[] {floats},
                            v))), Map.of("type", "update_weight", "client_id", id, "round_number", next,
                            "num_samples", "10"));
                    ws.sendBinary(ByteBuffer.wrap(update), true);
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            if (data.toString().contains("\"rejected\"")) {
                System.out.println(id + ": " + data);
            }
            ws.request(1);
            return null;
        }
    }

}
