package io.sedna4j.lib;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.api.link.WorkerInfo;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts a worker's reports to its Local Controller: {@code POST {LC_SERVER}/sedna/workers/{name}/info} with Sedna's
 * {@link WorkerInfo}. A report is worth less than the work it describes, so an unreachable LC never fails the
 * worker: the client retries a few times with backoff, logs, and returns {@code false}.
 */
public final class LcClient {
    private static final Logger log = LoggerFactory.getLogger(LcClient.class);

    private final URI server;
    private final HttpClient http;
    private final int attempts;
    private final Duration backoff;
    private final Duration timeout;

    /**
     * @param attempts tries per report (at least 1)
     * @param backoff  wait before the second try; doubles after each further failure
     */
    public LcClient(URI server, int attempts, Duration backoff, Duration timeout) {
        this.server = server;
        this.attempts = Math.max(1, attempts);
        this.backoff = backoff;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Three tries, 0.5 s then 1 s apart, 5 s timeout each. */
    public LcClient(URI server) {
        this(server, 3, Duration.ofMillis(500), Duration.ofSeconds(5));
    }

    /** The LC at LC_SERVER. */
    public static LcClient of(WorkerContext context) {
        return new LcClient(context.lcServer());
    }

    public URI server() {
        return server;
    }

    /** Sends the report; whether the LC accepted it. Never throws for a missing or failing LC. */
    public boolean post(WorkerInfo info) {
        byte[] body;
        try {
            body = ResourceCodec.json().writeValueAsBytes(info);
        } catch (JsonProcessingException e) {
            log.error("worker info of {} cannot be written as JSON: {}", info.name(), e.getMessage());
            return false;
        }
        URI uri = server.resolve("/sedna/workers/" + URLEncoder.encode(info.name(), StandardCharsets.UTF_8)
                .replace("+", "%20") + "/info");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        String last = "";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int code = response.statusCode();
                if (code / 100 == 2) {
                    return true;
                }
                last = "HTTP " + code + " " + response.body();
                if (code / 100 == 4) {
                    // the LC refused this report; sending it again changes nothing
                    log.warn("the Local Controller at {} refused the report of worker {}: {}", server, info.name(), last);
                    return false;
                }
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (attempt < attempts && !sleep(backoff.multipliedBy(1L << (attempt - 1)))) {
                return false;
            }
        }
        log.warn("cannot report worker {} to the Local Controller at {} after {} tries ({}); the worker goes on,"
                + " check that the LC runs and LC_SERVER points at it", info.name(), server, attempts, last);
        return false;
    }

    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
