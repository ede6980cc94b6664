package io.sedna4j.lc.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.api.link.WorkerInfo;
import io.sedna4j.lc.Json;
import io.sedna4j.lc.LcException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API workers report to (Sedna's): {@code POST /sedna/workers/{name}/info} with a {@link WorkerInfo}, answered
 * {@code {"Status":200,"Message":"OK"}} once the report is stored for the GM, or 400 with the reason. Also
 * {@code GET /healthz}.
 */
public final class WorkerApi implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkerApi.class);
    private static final String PREFIX = "/sedna/workers/";
    private static final int MAX_BODY = 4 << 20;

    private final HttpServer server;
    private final ExecutorService executor;
    private final Consumer<WorkerInfo> reports;

    private WorkerApi(HttpServer server, ExecutorService executor, Consumer<WorkerInfo> reports) {
        this.server = server;
        this.executor = executor;
        this.reports = reports;
    }

    /**
     * Serves on {@code host:port} (0 picks a free port).
     *
     * @param reports receives each valid report; when it throws, the worker gets a 500 and may retry
     */
    public static WorkerApi start(String host, int port, Consumer<WorkerInfo> reports) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (BindException e) {
            throw new LcException("the worker API cannot listen on " + host + ":" + port + ": " + e.getMessage()
                    + "; fix: stop what uses the port (another LC?) or choose another worker API port");
        } catch (IOException e) {
            throw new LcException("the worker API cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "lc-worker-api");
            t.setDaemon(true);
            return t;
        });
        WorkerApi api = new WorkerApi(server, executor, reports);
        server.createContext(PREFIX, api::workerInfo);
        server.createContext("/healthz", ex -> api.send(ex, 200, "text/plain", "ok"));
        server.setExecutor(executor);
        server.start();
        return api;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void workerInfo(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getPath();
            String name = path.startsWith(PREFIX) && path.endsWith("/info")
                    ? path.substring(PREFIX.length(), path.length() - "/info".length()) : "";
            if (name.isEmpty() || name.contains("/")) {
                status(ex, 404, "no such endpoint " + path + "; workers post to " + PREFIX + "{name}/info");
                return;
            }
            if (!ex.getRequestMethod().equals("POST")) {
                ex.getResponseHeaders().set("Allow", "POST");
                status(ex, 405, ex.getRequestMethod() + " " + path + " is not supported; use POST");
                return;
            }
            WorkerInfo info;
            try (InputStream in = ex.getRequestBody()) {
                byte[] body = in.readNBytes(MAX_BODY);
                info = ResourceCodec.json().readValue(body, WorkerInfo.class);
            } catch (JsonProcessingException e) {
                status(ex, 400, "the body of " + path + " is not worker info JSON: " + e.getOriginalMessage());
                return;
            }
            String problem = check(name, info);
            if (problem != null) {
                status(ex, 400, problem);
                return;
            }
            try {
                reports.accept(info);
            } catch (RuntimeException e) {
                log.error("cannot keep the report of worker {}: {}", name, e.getMessage(), e);
                status(ex, 500, "the Local Controller cannot keep the report: " + e.getMessage());
                return;
            }
            status(ex, 200, "OK");
        } finally {
            ex.close();
        }
    }

    private static String check(String name, WorkerInfo info) {
        if (info == null) {
            return "the body is empty; post Sedna's worker info JSON";
        }
        if (!name.equals(info.name())) {
            return "worker name \"" + info.name() + "\" in the body differs from \"" + name
                    + "\" in the path; fix: post to " + PREFIX + info.name() + "/info";
        }
        if (isBlank(info.ownerKind()) || isBlank(info.ownerName())) {
            return "worker " + name + " sent no ownerKind or ownerName, so its report cannot reach its owner;"
                    + " fix: set both, e.g. \"ownerKind\":\"jointinferenceservice\",\"ownerName\":\"<service>\"";
        }
        return null;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** Sedna's reply shape, capitalised keys included. */
    private void status(HttpExchange ex, int code, String message) throws IOException {
        ObjectNode body = ResourceCodec.json().createObjectNode().put("Status", code).put("Message", message);
        if (code >= 400) {
            log.warn("worker API: {} {} → {}: {}", ex.getRequestMethod(), ex.getRequestURI().getPath(), code, message);
        }
        send(ex, code, "application/json", Json.compact(body));
    }

    private void send(HttpExchange ex, int code, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
