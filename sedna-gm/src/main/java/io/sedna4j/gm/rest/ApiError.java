package io.sedna4j.gm.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedna4j.api.Problem;
import io.sedna4j.gm.Json;
import java.util.List;

/**
 * A REST error as Kubernetes reports it: an HTTP status and a {@code Status} body with a reason and, for invalid
 * objects, one cause per problem. kubectl prints {@code Error from server (<reason>): <message>}.
 */
public final class ApiError extends RuntimeException {
    /** One thing wrong with the object: the field path and what to do. */
    public record Cause(String field, String message) {
    }

    private final int code;
    private final String reason;
    private final List<Cause> causes;
    private String kind;
    private String name;

    public ApiError(int code, String reason, String message, List<Cause> causes) {
        super(message);
        this.code = code;
        this.reason = reason;
        this.causes = causes;
    }

    public ApiError(int code, String reason, String message) {
        this(code, reason, message, List.of());
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, "BadRequest", message);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, "NotFound", message);
    }

    /** 422 with a cause per error of {@code problems}; the message lists them too, for clients that show only it. */
    public static ApiError invalid(String what, List<Problem> problems) {
        List<Cause> causes = problems.stream().filter(Problem::isError)
                .map(p -> new Cause(p.path(), p.message() + (p.hint() == null || p.hint().isEmpty() ? ""
                        : " (fix: " + p.hint() + ")"))).toList();
        StringBuilder message = new StringBuilder(what).append(" is invalid: ");
        for (int i = 0; i < causes.size(); i++) {
            Cause c = causes.get(i);
            message.append(i == 0 ? "" : "; ").append(c.field().isEmpty() ? "" : c.field() + ": ").append(c.message());
        }
        return new ApiError(422, "Invalid", message.toString(), causes);
    }

    /** Names the object concerned in {@code details}, as Kubernetes does. */
    public ApiError about(String kind, String name) {
        this.kind = kind;
        this.name = name;
        return this;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    /** The Kubernetes {@code Status} body. */
    public String toStatus() {
        return status(code, reason, getMessage(), kind, name, causes);
    }

    public static String status(int code, String reason, String message, String kind, String name, List<Cause> causes) {
        ObjectNode s = Json.object();
        s.put("kind", "Status");
        s.put("apiVersion", "v1");
        s.putObject("metadata");
        s.put("status", "Failure");
        s.put("message", message);
        s.put("reason", reason);
        if (kind != null || name != null || !causes.isEmpty()) {
            ObjectNode details = s.putObject("details");
            if (name != null) {
                details.put("name", name);
            }
            if (kind != null) {
                details.put("group", "sedna.io");
                details.put("kind", kind);
            }
            if (!causes.isEmpty()) {
                ArrayNode list = details.putArray("causes");
                for (Cause c : causes) {
                    list.addObject().put("reason", "FieldValueInvalid").put("message", c.message())
                            .put("field", c.field());
                }
            }
        }
        s.put("code", code);
        return Json.write(s);
    }
}
