package io.sedna4j.gm.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.gm.Json;

/**
 * A minimal OpenAPI v3 document of the sedna.io paths. It carries no schemas: its purpose is to tell kubectl that
 * the server validates writes itself ({@code fieldValidation}) and takes merge patches, so that {@code kubectl
 * apply} needs neither client-side validation nor {@code --validate=false}. {@code /openapi/v2} is not served
 * (kubectl falls back without it).
 */
final class OpenApi {
    private static final String GROUP_VERSION_PATH = "apis/" + Resource.API_VERSION;
    private static final String HASH = "sedna4j-" + Discovery.VERSION;

    private OpenApi() {
    }

    static void install(RoutesConfig routes) {
        String root = Json.write(root());
        String groupVersion = Json.write(groupVersion());
        routes.get("/openapi/v3", ctx -> ResourceRoutes.json(ctx, 200, root));
        routes.get("/openapi/v3/" + GROUP_VERSION_PATH, ctx -> ResourceRoutes.json(ctx, 200, groupVersion));
    }

    private static ObjectNode root() {
        ObjectNode o = Json.object();
        o.putObject("paths").putObject(GROUP_VERSION_PATH).put("serverRelativeURL",
                "/openapi/v3/" + GROUP_VERSION_PATH + "?hash=" + HASH);
        return o;
    }

    private static ObjectNode groupVersion() {
        ObjectNode o = Json.object();
        o.put("openapi", "3.0.0");
        o.putObject("info").put("title", "Sedna4J Global Manager").put("version", Resource.VERSION);
        ObjectNode paths = o.putObject("paths");
        for (Kind k : Kind.values()) {
            String collection = "/" + GROUP_VERSION_PATH + "/namespaces/{namespace}/" + k.plural();
            ObjectNode list = paths.putObject(collection);
            operation(list, "get", k, "list", false);
            operation(list, "post", k, "create", true);
            ObjectNode item = paths.putObject(collection + "/{name}");
            operation(item, "get", k, "get", false);
            operation(item, "put", k, "update", true);
            operation(item, "patch", k, "patch", true);
            operation(item, "delete", k, "delete", false);
        }
        return o;
    }

    private static void operation(ObjectNode path, String method, Kind kind, String action, boolean validated) {
        ObjectNode op = path.putObject(method);
        op.put("operationId", action + kind.kindName());
        op.put("x-kubernetes-action", action);
        op.putObject("x-kubernetes-group-version-kind").put("group", Resource.GROUP).put("version", Resource.VERSION)
                .put("kind", kind.kindName());
        ArrayNode params = op.putArray("parameters");
        if (validated) {
            for (String name : new String[] {"fieldValidation", "dryRun", "fieldManager"}) {
                params.addObject().put("name", name).put("in", "query").putObject("schema").put("type", "string");
            }
            ObjectNode content = op.putObject("requestBody").putObject("content");
            if (method.equals("patch")) {
                content.putObject("application/merge-patch+json").putObject("schema").put("type", "object");
            } else {
                content.putObject("application/json").putObject("schema").put("type", "object");
                content.putObject("application/yaml").putObject("schema").put("type", "object");
            }
        }
        op.putObject("responses").putObject("200").put("description", "OK");
    }
}
