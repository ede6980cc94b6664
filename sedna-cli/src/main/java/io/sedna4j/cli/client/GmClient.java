package io.sedna4j.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedna4j.api.ApiException;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CLI's client of the Global Manager's Kubernetes-style REST API (docs/protocol.md). Failures become
 * {@link ApiException}s whose message is the server's explanation, or says how to reach the server.
 */
public final class GmClient {
    private static final String API = "/apis/" + Resource.API_VERSION;

    private final URI server;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public GmClient(URI server, String token) {
        this.server = server;
        this.token = token;
    }

    public Optional<JsonNode> get(Kind kind, String namespace, String name) {
        HttpResponse<String> r = send(request(path(kind, namespace) + "/" + encode(name)).GET());
        return r.statusCode() == 404 ? Optional.empty() : Optional.of(body(r));
    }

    /** Items of a kind in a namespace, or in all namespaces when {@code namespace} is null. */
    public List<JsonNode> list(Kind kind, String namespace) {
        String path = namespace == null ? API + "/" + kind.plural() : path(kind, namespace);
        return items(body(send(request(path).GET())));
    }

    public JsonNode create(Resource<?, ?> resource) {
        return body(send(request(path(resource.kindInfo(), resource.metadata.namespaceOrDefault()))
                .POST(json(ResourceCodec.toJson(resource)))));
    }

    public JsonNode replace(Resource<?, ?> resource) {
        return body(send(request(path(resource.kindInfo(), resource.metadata.namespaceOrDefault()) + "/"
                + encode(resource.metadata.name)).PUT(json(ResourceCodec.toJson(resource)))));
    }

    /** Deletes the resource; false if there was none. */
    public boolean delete(Kind kind, String namespace, String name) {
        HttpResponse<String> r = send(request(path(kind, namespace) + "/" + encode(name)).DELETE());
        if (r.statusCode() == 404) {
            return false;
        }
        body(r);
        return true;
    }

    public List<JsonNode> nodes() {
        return items(body(send(request("/api/v1/nodes").GET())));
    }

    /** The workers of a namespace, as the minimal Pods the GM serves. */
    public List<JsonNode> workers(String namespace) {
        return items(body(send(request("/api/v1/namespaces/" + encode(namespace) + "/pods").GET())));
    }

    /** A worker's log, streamed; with {@code follow} the stream stays open as the log grows. */
    public InputStream log(String namespace, String worker, boolean follow) {
        HttpRequest request = request("/api/v1/namespaces/" + encode(namespace) + "/pods/" + encode(worker)
                + "/log" + (follow ? "?follow=true" : "")).GET().build();
        try {
            HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() >= 400) {
                try (InputStream in = r.body()) {
                    throw new ApiException(message(r.statusCode(), new String(in.readAllBytes(),
                            StandardCharsets.UTF_8)));
                }
            }
            return r.body();
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("interrupted");
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private static HttpRequest.BodyPublisher json(String body) {
        return HttpRequest.BodyPublishers.ofString(body);
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) {
        HttpRequest request = builder.header("Content-Type", "application/json").build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("interrupted");
        }
    }

    private ApiException unreachable(IOException e) {
        String why = e instanceof ConnectException ? "connection refused" : String.valueOf(e.getMessage());
        return new ApiException("cannot reach the Global Manager at " + server + ": " + why
                + "; start one with 'bin/sedna up', or give its address with --server");
    }

    private static JsonNode body(HttpResponse<String> r) {
        if (r.statusCode() >= 400) {
            throw new ApiException(message(r.statusCode(), r.body()));
        }
        try {
            return ResourceCodec.json().readTree(r.body());
        } catch (IOException e) {
            throw new ApiException("the Global Manager answered with something that is not JSON: " + e.getMessage());
        }
    }

    /** The message of a Kubernetes Status body, with each cause on its own line. */
    static String message(int code, String body) {
        try {
            JsonNode status = ResourceCodec.json().readTree(body);
            StringBuilder s = new StringBuilder(status.path("message").asText("HTTP " + code));
            for (JsonNode cause : status.path("details").path("causes")) {
                s.append(System.lineSeparator()).append("    ").append(cause.path("field").asText())
                        .append(": ").append(cause.path("message").asText());
            }
            return s.toString();
        } catch (IOException e) {
            return "HTTP " + code + ": " + body;
        }
    }

    private static List<JsonNode> items(JsonNode list) {
        List<JsonNode> items = new ArrayList<>();
        list.path("items").forEach(items::add);
        return items;
    }

    private static String path(Kind kind, String namespace) {
        return API + "/namespaces/" + encode(namespace) + "/" + kind.plural();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Resource JSON without what the server owns, to compare what a user wrote with what is stored. */
    public static JsonNode userPart(JsonNode resource) {
        ObjectNode copy = resource.deepCopy();
        copy.remove("status");
        JsonNode metadata = copy.path("metadata");
        if (metadata instanceof ObjectNode m) {
            m.remove(List.of("uid", "resourceVersion", "generation", "creationTimestamp", "managedFields",
                    "namespace"));
            if (m.path("annotations") instanceof ObjectNode annotations) {
                annotations.remove("sedna.io/retry"); // set by apply itself, not by the user's file
                if (annotations.isEmpty()) {
                    m.remove("annotations");
                }
            }
        }
        return copy;
    }
}
