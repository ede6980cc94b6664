package io.sedna4j.gm.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.javalin.http.Context;
import io.sedna4j.api.Manifest;
import io.sedna4j.api.Problem;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.gm.Json;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Request bodies: a resource to create or replace (JSON or YAML, checked as {@code sedna validate} checks files),
 * and patches (JSON merge patch; a strategic merge patch is applied as a merge patch, as the Kubernetes API server
 * does for custom resources).
 */
final class Bodies {
    static final String WHAT = "request body";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final int MAX_WARNINGS = 10;

    private Bodies() {
    }

    /**
     * The one resource of a create or replace body, validated and matched with the request path.
     *
     * @param name the name in the path, or null on create
     */
    static Resource<?, ?> resource(Context ctx, Kind kind, String namespace, String name) {
        return resource(ctx, kind, namespace, name, true);
    }

    /** @param strictAllowed whether {@code fieldValidation=Strict} turns unknown fields into errors (not for patches) */
    static Resource<?, ?> resource(Context ctx, Kind kind, String namespace, String name, boolean strictAllowed) {
        String text = ctx.body();
        if (text.isBlank()) {
            throw ApiError.badRequest("the request has no body; fix: send the " + kind.kindName()
                    + " as JSON (Content-Type: application/json) or YAML (application/yaml)");
        }
        return validate(ctx, text, kind, namespace, name, strictAllowed);
    }

    /** Checks {@code text} as a manifest of exactly one {@code kind} in {@code namespace}, named {@code name}. */
    static Resource<?, ?> validate(Context ctx, String text, Kind kind, String namespace, String name,
                                   boolean strictAllowed) {
        Manifest manifest = Manifest.parse(WHAT, text);
        String what = kind.kindName() + ".sedna.io \"" + (name != null ? name : nameIn(text)) + "\"";
        String validation = ctx.queryParam("fieldValidation");
        List<Problem> problems = strictAllowed && "Strict".equals(validation) ? strict(manifest.problems())
                : manifest.problems();
        if (problems.stream().anyMatch(Problem::isError)) {
            // kubectl prints "The <kind> "<name>" is invalid:" and the causes from these details
            throw ApiError.invalid(what, problems).about(kind.kindName(), name != null ? name : nameIn(text));
        }
        if (!"Ignore".equals(validation)) {
            warn(ctx, problems);
        }
        List<Resource<?, ?>> resources = manifest.resources();
        if (resources.size() != 1) {
            throw ApiError.badRequest("the request body holds " + resources.size() + " documents; fix: send one "
                    + kind.kindName() + " per request");
        }
        Resource<?, ?> r = resources.get(0);
        if (r.kindInfo() != kind) {
            throw ApiError.badRequest("the body is a " + r.kind + " but the path is for " + kind.plural()
                    + "; fix: send it to /apis/sedna.io/v1alpha1/namespaces/" + namespace + "/" + r.kindInfo().plural());
        }
        if (r.metadata.namespace == null || r.metadata.namespace.isEmpty()) {
            r.metadata.namespace = namespace; // the path's namespace, as Kubernetes
        } else if (!r.metadata.namespace.equals(namespace)) {
            throw ApiError.badRequest("the namespace of the provided object (" + r.metadata.namespace
                    + ") does not match the namespace sent on the request (" + namespace + "); fix: make them agree, "
                    + "or leave metadata.namespace out").about(kind.plural(), r.metadata.name);
        }
        if (name != null && !name.equals(r.metadata.name)) {
            throw ApiError.badRequest("the name of the object (" + r.metadata.name + ") does not match the name in "
                    + "the path (" + name + "); fix: renaming is not possible: create a new object and delete the old")
                    .about(kind.plural(), name);
        }
        return r;
    }

    /** As Kubernetes' strict field validation (kubectl's default): an unknown field is an error. */
    private static List<Problem> strict(List<Problem> problems) {
        return problems.stream().map(p -> p.isError() || !p.message().startsWith("unknown field") ? p
                : new Problem(Problem.Severity.ERROR, p.file(), p.document(), p.line(), p.column(), p.path(),
                        p.message(), p.hint().replace("; the field is kept as written", "") + " (the request asks for "
                        + "strict field validation; kubectl --validate=warn keeps the field)")).toList();
    }

    /** The patch document; only merge patches (and strategic merge patches, applied as such) are understood. */
    static JsonNode patch(Context ctx) {
        String type = String.valueOf(ctx.contentType()).toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json-patch+json")) {
            throw new ApiError(415, "UnsupportedMediaType", "JSON patches (RFC 6902) are not supported; fix: send "
                    + "a merge patch (kubectl patch --type=merge, Content-Type: application/merge-patch+json)");
        }
        if (type.startsWith("application/apply-patch")) {
            throw new ApiError(415, "UnsupportedMediaType", "server-side apply is not supported; fix: use "
                    + "client-side apply (kubectl apply without --server-side)");
        }
        try {
            JsonNode patch = type.contains("yaml") ? YAML.readTree(ctx.body()) : Json.mapper().readTree(ctx.body());
            if (patch == null || !patch.isObject()) {
                throw ApiError.badRequest("a merge patch must be a JSON object; fix: send {\"spec\": {...}} with the "
                        + "fields to change");
            }
            return withoutDirectives(patch);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("the patch is not valid " + (type.contains("yaml") ? "YAML" : "JSON") + ": "
                    + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ")");
        }
    }

    /** RFC 7386: objects merge recursively, null deletes, anything else replaces. */
    static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : Json.object();
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            if (e.getValue().isNull()) {
                result.remove(e.getKey());
            } else {
                result.set(e.getKey(), merge(result.get(e.getKey()), e.getValue()));
            }
        }
        return result;
    }

    /** Drops strategic-merge directives ({@code $patch}, {@code $setElementOrder/…}); our kinds have no merge keys. */
    private static JsonNode withoutDirectives(JsonNode node) {
        if (node.isObject()) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String n = names.next();
                if (n.startsWith("$")) {
                    names.remove();
                } else {
                    withoutDirectives(node.get(n));
                }
            }
        } else if (node.isArray()) {
            node.forEach(Bodies::withoutDirectives);
        }
        return node;
    }

    /** Warnings go back as {@code Warning} headers, which kubectl prints. */
    static void warn(Context ctx, List<Problem> problems) {
        problems.stream().filter(p -> !p.isError()).limit(MAX_WARNINGS).forEach(p -> ctx.res().addHeader("Warning",
                "299 - \"" + ascii((p.path().isEmpty() ? "" : p.path() + ": ") + p.message()) + "\""));
    }

    private static String ascii(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(c == '"' ? '\'' : c < 32 || c > 126 ? '?' : c);
        }
        return b.toString();
    }

    /** The name a (possibly broken) body gives, for messages. */
    private static String nameIn(String text) {
        try {
            return YAML.readTree(text).path("metadata").path("name").asText("");
        } catch (JsonProcessingException | RuntimeException e) {
            return "";
        }
    }
}
