package io.sedna4j.lib.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sedna4j.lib.LibException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives messages over HTTP (for {@code kafkaSupport: false}):
 * <ul>
 *   <li>{@code POST /objects/{topic}} with a message as the body (any content type): 204 with header
 *     {@code Sedna4j-Delivery: handled} or {@code duplicate}; 400 when it does not decode, 404 for a topic nobody
 *     here subscribed to, 413 over 64 MB, 500 when the handler failed; errors as {@code {"error":"…"}}.</li>
 *   <li>{@code GET /objects}: the subscribed topics and the counts, a health check.</li>
 * </ul>
 * The port is bound at construction; requests are served from the first {@link #subscribe} on (earlier ones wait
 * in the backlog), one at a time, so handlers see each camera's frames in the order they were sent.
 */
public final class RestObjectSubscriber implements ObjectSubscriber {
    private static final Logger log = LoggerFactory.getLogger(RestObjectSubscriber.class);
    public static final String PATH = "/objects/";
    /** How a 204 answer says what became of the message: "handled" or "duplicate". */
    public static final String DELIVERY_HEADER = "Sedna4j-Delivery";
    static final int MAX_BODY = 64 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final Delivery delivery = new Delivery(Deduplicator.DEFAULT_CAPACITY);
    private final Map<String, ObjectHandler> handlers = new ConcurrentHashMap<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Binds {@code host:port} (0: a free port, see {@link #port()}). */
    public RestObjectSubscriber(String host, int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 128);
        } catch (IOException e) {
            throw new LibException("the object receiver cannot listen on " + host + ":" + port + ": " + e.getMessage()
                    + "; fix: stop what uses the port, or set STREAM_BIND_PORT to a free one", e);
        }
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "rest-subscriber-" + port());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/objects", this::serve);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL publishers post to ({@code <TOPIC>_URL}), e.g. http://127.0.0.1:6000. */
    public URI url() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + port());
    }

    @Override
    public void subscribe(String topic, ObjectHandler handler) {
        if (closed.get()) {
            throw new LibException("cannot subscribe to " + topic + ": the receiver is closed; fix: subscribe before "
                    + "close()");
        }
        handlers.put(topic, handler);
        if (started.compareAndSet(false, true)) {
            server.start();
            log.info("receiving object messages at {}{}", url(), PATH);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("GET") && path.equals("/objects")) {
                ObjectNode status = JSON.createObjectNode();
                status.putPOJO("topics", new TreeSet<>(handlers.keySet()));
                status.putPOJO("stats", delivery.stats());
                reply(exchange, 200, status);
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                reply(exchange, 405, error("use POST " + PATH + "{topic}"));
                return;
            }
            String topic = path.startsWith(PATH) ? path.substring(PATH.length()) : "";
            ObjectHandler handler = handlers.get(topic);
            if (handler == null) {
                reply(exchange, 404, error("no subscription for topic \"" + topic + "\" here (subscribed: "
                        + new TreeSet<>(handlers.keySet()) + "); fix: point the publisher's <TOPIC>_URL at the "
                        + "worker that consumes it"));
                return;
            }
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                reply(exchange, 413, error("the message is over " + (MAX_BODY >> 20) + " MB; fix: send smaller "
                        + "crops or leave out the frame JPEG"));
                return;
            }
            String source = "POST " + path + " from " + exchange.getRemoteAddress().getAddress().getHostAddress();
            Delivery.Outcome outcome = delivery.deliver(topic, body, source, handler);
            switch (outcome) {
                case HANDLED -> accepted(exchange, "handled");
                case DUPLICATE -> accepted(exchange, "duplicate");
                case UNDECODABLE -> reply(exchange, 400, error(delivery.lastError()));
                case FAILED -> reply(exchange, 500, error(delivery.lastError()));
                default -> throw new IllegalStateException(outcome.toString());
            }
        }
    }

    /**
     * 204 with the outcome in a header: one packet. A 200 with a body goes out as headers then body, and Nagle's
     * algorithm holds the body until the client's delayed ACK, about 40 ms per message.
     */
    private static void accepted(HttpExchange exchange, String outcome) throws IOException {
        exchange.getResponseHeaders().set(DELIVERY_HEADER, outcome);
        exchange.sendResponseHeaders(204, -1);
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        return body.length > MAX_BODY ? null : body;
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("error", message);
    }

    private static void reply(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public Stats stats() {
        return delivery.stats();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
