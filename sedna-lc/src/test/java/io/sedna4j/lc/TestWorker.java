package io.sedna4j.lc;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The built-in worker {@code test-echo} (registered in the test class path's workers.properties): posts one report
 * to its LC, as Sedna's library does, then sleeps. Args: owner name, milliseconds to sleep, and optionally
 * {@code ignore-sigterm}: a shutdown hook that never ends, so that only SIGKILL stops it.
 */
public final class TestWorker {
    private TestWorker() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 2 && args[2].equals("ignore-sigterm")) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                System.out.println("SIGTERM received, not stopping");
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        String lc = System.getenv("LC_SERVER");
        String name = System.getenv("WORKER_NAME");
        System.out.println("test-echo " + name + " LC_SERVER=" + lc + " NODE_NAME=" + System.getenv("NODE_NAME"));
        String body = "{\"name\":\"" + name + "\",\"namespace\":\"default\",\"ownerName\":\"" + args[0]
                + "\",\"ownerKind\":\"jointinferenceservice\",\"kind\":\"inference\",\"status\":\"running\","
                + "\"ownerInfo\":{\"inferenceNumber\":7},\"results\":[{\"format\":\"onnx\",\"url\":\"/m.onnx\"}]}";
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(lc + "/sedna/workers/" + name + "/info"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        System.out.println("posted: " + r.statusCode() + " " + r.body());
        Thread.sleep(Long.parseLong(args[1]));
    }
}
