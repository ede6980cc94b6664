package io.sedna4j.gm.rest;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.sedna4j.control.ControlException;
import io.sedna4j.gm.store.ExpiredException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure of a REST request into a Kubernetes {@code Status} body with the matching code and reason. */
final class Errors {
    private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

    private Errors() {
    }

    static void install(RoutesConfig routes) {
        routes.exception(ApiError.class, (e, ctx) -> respond(ctx, e.code(), e.toStatus()));
        routes.exception(ControlException.class, (e, ctx) -> respond(ctx, fromControl(e)));
        routes.exception(ExpiredException.class, (e, ctx) -> respond(ctx, new ApiError(410, "Expired", e.getMessage())));
        routes.exception(HttpResponseException.class, (e, ctx) -> respond(ctx,
                new ApiError(e.getStatus(), reason(e.getStatus()), message(e, ctx))));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            respond(ctx, new ApiError(500, "InternalError", "the Global Manager failed on " + ctx.method() + " "
                    + ctx.path() + ": " + e + "; this is a bug, the GM's log has the details"));
        });
    }

    static ApiError fromControl(ControlException e) {
        return switch (e.reason()) {
            case NOT_FOUND -> new ApiError(404, "NotFound", e.getMessage());
            case ALREADY_EXISTS -> new ApiError(409, "AlreadyExists", e.getMessage());
            case CONFLICT -> new ApiError(409, "Conflict", e.getMessage());
            case INVALID -> new ApiError(422, "Invalid", e.getMessage(), List.of());
            case UNAVAILABLE -> new ApiError(503, "ServiceUnavailable", e.getMessage());
        };
    }

    static void respond(Context ctx, ApiError e) {
        respond(ctx, e.code(), e.toStatus());
    }

    private static void respond(Context ctx, int code, String body) {
        ctx.status(code).contentType("application/json").result(body);
    }

    private static String message(HttpResponseException e, Context ctx) {
        if (e.getStatus() == 404 && e.getMessage() != null && e.getMessage().startsWith("Endpoint ")) {
            return "the server could not find the requested resource (" + ctx.method() + " " + ctx.path()
                    + "); the GM serves /apis/sedna.io/v1alpha1, /api/v1/nodes, /api/v1/namespaces/{ns}/pods";
        }
        return e.getMessage();
    }

    static String reason(int code) {
        return switch (code) {
            case 400 -> "BadRequest";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 406 -> "NotAcceptable";
            case 409 -> "Conflict";
            case 410 -> "Expired";
            case 413 -> "RequestEntityTooLarge";
            case 415 -> "UnsupportedMediaType";
            case 422 -> "Invalid";
            case 503 -> "ServiceUnavailable";
            default -> code >= 500 ? "InternalError" : "BadRequest";
        };
    }
}
