package io.sedna4j.gm.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.control.ControlException;
import io.sedna4j.gm.Json;
import io.sedna4j.gm.store.SqliteResourceStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The sedna.io resources at Kubernetes' paths: list (and watch), get, create, replace, merge patch, delete, and the
 * {@code status} subresource. Every write is validated as {@code sedna validate} validates files.
 */
final class ResourceRoutes {
    static final String GROUP_PATH = "/apis/" + Resource.API_VERSION;
    private static final String NAMESPACED = GROUP_PATH + "/namespaces/{ns}/{plural}";
    private static final int PATCH_RETRIES = 5;

    private final SqliteResourceStore store;
    private final BooleanSupplier stopping;

    ResourceRoutes(SqliteResourceStore store, BooleanSupplier stopping) {
        this.store = store;
        this.stopping = stopping;
    }

    void install(RoutesConfig routes) {
        routes.get(GROUP_PATH + "/{plural}", ctx -> list(ctx, null));
        routes.get(NAMESPACED, ctx -> list(ctx, ctx.pathParam("ns")));
        routes.post(NAMESPACED, this::create);
        routes.get(NAMESPACED + "/{name}", this::get);
        routes.put(NAMESPACED + "/{name}", ctx -> replace(ctx, false));
        routes.patch(NAMESPACED + "/{name}", ctx -> patch(ctx, false));
        routes.delete(NAMESPACED + "/{name}", this::delete);
        routes.get(NAMESPACED + "/{name}/status", this::get);
        routes.put(NAMESPACED + "/{name}/status", ctx -> replace(ctx, true));
        routes.patch(NAMESPACED + "/{name}/status", ctx -> patch(ctx, true));
    }

    private void list(Context ctx, String namespace) {
        Kind kind = kind(ctx);
        if (isWatch(ctx)) {
            WatchStream.serve(ctx, store, kind, namespace, stopping);
            return;
        }
        SqliteResourceStore.Snapshot snapshot = store.snapshot(kind, namespace);
        String rv = Long.toString(snapshot.resourceVersion());
        String labels = ctx.queryParam("labelSelector");
        String fields = ctx.queryParam("fieldSelector");
        List<String> items = snapshot.items();
        if (!Selectors.isEmpty(labels, fields) || Tables.wanted(ctx)) {
            Predicate<JsonNode> selector = Selectors.of(labels, fields);
            List<JsonNode> objects = new ArrayList<>();
            for (String item : items) {
                JsonNode o = Json.parse(item);
                if (selector.test(o)) {
                    objects.add(o);
                }
            }
            if (Tables.wanted(ctx)) {
                json(ctx, 200, Tables.table(ctx, Tables.RESOURCES, objects, rv));
                return;
            }
            items = objects.stream().map(Json::write).toList();
        }
        // the stored JSON is written as it is: no parsing for a plain list
        json(ctx, 200, "{\"apiVersion\":\"" + Resource.API_VERSION + "\",\"kind\":\"" + kind.kindName()
                + "List\",\"metadata\":{\"resourceVersion\":\"" + rv + "\"},\"items\":[" + String.join(",", items) + "]}");
    }

    private void get(Context ctx) {
        Kind kind = kind(ctx);
        String name = ctx.pathParam("name");
        String stored = store.getJson(kind, ctx.pathParam("ns"), name).orElseThrow(() -> notFound(kind, name));
        if (Tables.wanted(ctx)) {
            JsonNode o = Json.parse(stored);
            json(ctx, 200, Tables.table(ctx, Tables.RESOURCES, List.of(o), o.at("/metadata/resourceVersion").asText()));
        } else {
            json(ctx, 200, stored);
        }
    }

    private void create(Context ctx) {
        Kind kind = kind(ctx);
        Resource<?, ?> r = Bodies.resource(ctx, kind, ctx.pathParam("ns"), null);
        if (isDryRun(ctx)) {
            json(ctx, 201, Json.write(r));
            return;
        }
        json(ctx, 201, Json.write(write(() -> store.create(r), kind, r.metadata.name)));
    }

    private void replace(Context ctx, boolean status) {
        Kind kind = kind(ctx);
        String name = ctx.pathParam("name");
        Resource<?, ?> r = Bodies.resource(ctx, kind, ctx.pathParam("ns"), name);
        if (isDryRun(ctx)) {
            json(ctx, 200, Json.write(r));
            return;
        }
        json(ctx, 200, Json.write(write(() -> status ? store.updateStatus(r) : store.update(r), kind, name)));
    }

    /**
     * Applies the patch to the stored object and writes the result if it is valid. Without a resourceVersion in
     * the patch, a concurrent write makes it retry on the newer object, as the API server does.
     */
    private void patch(Context ctx, boolean status) {
        Kind kind = kind(ctx);
        String namespace = ctx.pathParam("ns");
        String name = ctx.pathParam("name");
        JsonNode patch = Bodies.patch(ctx);
        boolean pinned = !patch.path("metadata").path("resourceVersion").asText("").isEmpty();
        for (int attempt = 1; ; attempt++) {
            Resource<?, ?> current = store.get(kind, namespace, name).orElseThrow(() -> notFound(kind, name));
            JsonNode merged = Bodies.merge(Json.tree(current), patch);
            if (merged.get("metadata") instanceof ObjectNode meta && !pinned) {
                meta.put("resourceVersion", current.metadata.resourceVersion);
            }
            Resource<?, ?> r = Bodies.validate(ctx, Json.write(merged), kind, namespace, name, false);
            if (isDryRun(ctx)) {
                json(ctx, 200, Json.write(r));
                return;
            }
            try {
                json(ctx, 200, Json.write(status ? store.updateStatus(r) : store.update(r)));
                return;
            } catch (ControlException e) {
                if (e.reason() != ControlException.Reason.CONFLICT || pinned || attempt == PATCH_RETRIES) {
                    throw Errors.fromControl(e).about(kind.plural(), name);
                }
            }
        }
    }

    private void delete(Context ctx) {
        Kind kind = kind(ctx);
        String name = ctx.pathParam("name");
        if (isDryRun(ctx)) {
            json(ctx, 200, store.getJson(kind, ctx.pathParam("ns"), name).orElseThrow(() -> notFound(kind, name)));
            return;
        }
        Resource<?, ?> deleted = store.delete(kind, ctx.pathParam("ns"), name).orElseThrow(() -> notFound(kind, name));
        json(ctx, 200, Json.write(deleted));
    }

    private static Resource<?, ?> write(java.util.function.Supplier<Resource<?, ?>> write, Kind kind, String name) {
        try {
            return write.get();
        } catch (ControlException e) {
            throw Errors.fromControl(e).about(kind.plural(), name);
        }
    }

    static Kind kind(Context ctx) {
        String plural = ctx.pathParam("plural");
        for (Kind k : Kind.values()) {
            if (k.plural().equals(plural)) {
                return k;
            }
        }
        List<String> plurals = new ArrayList<>();
        for (Kind k : Kind.values()) {
            plurals.add(k.plural());
        }
        throw ApiError.notFound("the server could not find the requested resource: sedna.io/v1alpha1 has no \""
                + plural + "\"; fix: use one of " + String.join(", ", plurals));
    }

    static ApiError notFound(Kind kind, String name) {
        return ApiError.notFound(kind.plural() + ".sedna.io \"" + name + "\" not found").about(kind.plural(), name);
    }

    static boolean isWatch(Context ctx) {
        String watch = ctx.queryParam("watch");
        return "true".equals(watch) || "1".equals(watch);
    }

    private static boolean isDryRun(Context ctx) {
        return "All".equals(ctx.queryParam("dryRun"));
    }

    static void json(Context ctx, int code, String body) {
        ctx.status(code).contentType("application/json").result(body);
    }
}
