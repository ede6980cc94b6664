package io.sedna4j.workers.probe;

import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.api.link.WorkerInfo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code sedna4j/probe}: a diagnostic worker for checking a deployment before real workers run. It prints the
 * Sedna environment it was given, then reports to its Local Controller every {@code PROBE_REPORT_SECONDS}
 * (default 5) with a report counter and its uptime, which become the owner's status metrics.
 *
 * <p>Environment: {@code OWNER_KIND} (the owner's lower-case kind; default jointinferenceservice when
 * {@code SERVICE_NAME} is set, else the kind must be given), {@code PROBE_EXIT_AFTER} (seconds; exit then, to try
 * restart policies and job completion) and {@code PROBE_EXIT_CODE} (the code to exit with, default 0).
 */
public final class ProbeWorker {
    private static final String[] CONTRACT = {"WORKER_NAME", "NAMESPACE", "SERVICE_NAME", "JOB_NAME", "NODE_NAME",
        "LC_SERVER", "MODEL_URL", "MODEL_NAME", "HEM_NAME", "HEM_PARAMETERS", "BIG_MODEL_IP", "BIG_MODEL_PORT",
        "BIG_MODEL_BIND_PORT", "AGG_IP", "AGG_PORT", "PARTICIPANTS_COUNT", "DATASET_NAME", "TRAIN_DATASET_URL",
        "KAFKA_ENABLED"};

    private ProbeWorker() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> env = System.getenv();
        Map<String, String> given = new TreeMap<>();
        for (String name : CONTRACT) {
            if (env.containsKey(name)) {
                given.put(name, env.get(name));
            }
        }
        System.out.println("probe: started with " + given);
        String owner = env.getOrDefault("SERVICE_NAME", env.get("JOB_NAME"));
        String kind = env.getOrDefault("OWNER_KIND", env.containsKey("SERVICE_NAME") ? "jointinferenceservice" : null);
        long every = seconds(env, "PROBE_REPORT_SECONDS", 5);
        long exitAfter = seconds(env, "PROBE_EXIT_AFTER", -1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("probe: stopping")));

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant start = Instant.now();
        for (long reports = 1; ; reports++) {
            long uptime = Duration.between(start, Instant.now()).toSeconds();
            if (exitAfter >= 0 && uptime >= exitAfter) {
                int code = (int) seconds(env, "PROBE_EXIT_CODE", 0);
                System.out.println("probe: exiting with code " + code + " after " + uptime + " s, as asked");
                System.exit(code);
            }
            if (owner != null && kind != null && env.containsKey("LC_SERVER")) {
                report(http, env, new WorkerInfo(env.get("WORKER_NAME"), env.getOrDefault("NAMESPACE", "default"),
                        owner, kind, "inference", "running",
                        ResourceCodec.json().valueToTree(Map.of("reports", reports, "uptimeSeconds", uptime,
                                "node", env.getOrDefault("NODE_NAME", ""))), null));
            } else if (reports == 1) {
                System.out.println("probe: not reporting: needs LC_SERVER, SERVICE_NAME or JOB_NAME, and OWNER_KIND");
            }
            Thread.sleep(every * 1000);
        }
    }

    /** Reports are best effort: a Local Controller that is down is logged, not fatal, as in Sedna's library. */
    private static void report(HttpClient http, Map<String, String> env, WorkerInfo info) {
        URI uri = URI.create(env.get("LC_SERVER") + "/sedna/workers/" + info.name() + "/info");
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(ResourceCodec.toJson(info))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                System.out.println("probe: report " + info.ownerInfo().path("reports").asText() + " sent");
            } else {
                System.out.println("probe: the Local Controller refused report: " + r.statusCode() + " " + r.body());
            }
        } catch (IOException e) {
            System.out.println("probe: cannot reach the Local Controller at " + uri + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long seconds(Map<String, String> env, String name, long otherwise) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            System.out.println("probe: " + name + "=" + value + " is not a whole number; using " + otherwise);
            return otherwise;
        }
    }
}
