package io.sedna4j.gm.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.sedna4j.gm.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;

/**
 * Kubernetes' server-side printing: when kubectl asks for {@code as=Table}, lists come back as rows of cells, so
 * {@code kubectl get} shows the same columns as against a cluster (nodes' Ready status, pods' restarts).
 */
final class Tables {
    record Column(String name, String format, String description, int priority) {
    }

    /** The columns of a resource type and how to fill them from an object. */
    record Layout(List<Column> columns, Function<JsonNode, List<Object>> cells) {
    }

    static final Column NAME = new Column("Name", "name", "Name must be unique within a namespace.", 0);
    static final Column AGE = new Column("Age", "", "Time since the object was created.", 0);

    static final Layout RESOURCES = new Layout(List.of(NAME, new Column("Status", "",
            "The type of the latest condition, or the phase.", 0), AGE),
            o -> List.of(name(o), condition(o), age(o)));

    private Tables() {
    }

    static boolean wanted(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("as=Table");
    }

    /** A Table of {@code objects}; with {@code includeObject=Object} each row carries the object. */
    static String table(Context ctx, Layout layout, List<JsonNode> objects, String resourceVersion) {
        return Json.write(tableNode(layout, objects, resourceVersion, "Object".equals(ctx.queryParam("includeObject"))));
    }

    static ObjectNode tableNode(Layout layout, List<JsonNode> objects, String resourceVersion, boolean full) {
        ObjectNode t = Json.object();
        t.put("kind", "Table");
        t.put("apiVersion", "meta.k8s.io/v1");
        t.putObject("metadata").put("resourceVersion", resourceVersion);
        ArrayNode columns = t.putArray("columnDefinitions");
        for (Column c : layout.columns()) {
            columns.addObject().put("name", c.name()).put("type", "string").put("format", c.format())
                    .put("description", c.description()).put("priority", c.priority());
        }
        ArrayNode rows = t.putArray("rows");
        for (JsonNode o : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            layout.cells().apply(o).forEach(cells::addPOJO);
            if (full) {
                row.set("object", o);
            } else {
                ObjectNode partial = row.putObject("object");
                partial.put("kind", "PartialObjectMetadata");
                partial.put("apiVersion", "meta.k8s.io/v1");
                partial.set("metadata", o.path("metadata"));
            }
        }
        return t;
    }

    static String name(JsonNode o) {
        return o.path("metadata").path("name").asText();
    }

    /** The latest condition's type (with its stage for learning jobs), else the phase, else empty. */
    private static String condition(JsonNode o) {
        JsonNode status = o.path("status");
        JsonNode conditions = status.path("conditions");
        if (conditions.isArray() && !conditions.isEmpty()) {
            JsonNode last = conditions.get(conditions.size() - 1);
            String stage = last.path("stage").asText("");
            return (stage.isEmpty() ? "" : stage + "/") + last.path("type").asText("");
        }
        return status.path("phase").asText("");
    }

    static String age(JsonNode o) {
        String created = o.path("metadata").path("creationTimestamp").asText("");
        try {
            return created.isEmpty() ? "<unknown>" : human(Duration.between(Instant.parse(created), Instant.now()));
        } catch (DateTimeParseException e) {
            return "<unknown>";
        }
    }

    /** As Kubernetes' HumanDuration: 45s, 3m20s, 15m, 5h12m, 30h, 3d4h, 20d, 2y10d. */
    static String human(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 120) {
            return s + "s";
        }
        long m = s / 60;
        if (m < 10) {
            return m + "m" + (s % 60 == 0 ? "" : s % 60 + "s");
        }
        if (m < 180) {
            return m + "m";
        }
        long h = m / 60;
        if (h < 8) {
            return h + "h" + (m % 60 == 0 ? "" : m % 60 + "m");
        }
        if (h < 48) {
            return h + "h";
        }
        long days = h / 24;
        if (h < 24 * 8) {
            return days + "d" + (h % 24 == 0 ? "" : h % 24 + "h");
        }
        if (days < 365 * 2) {
            return days + "d";
        }
        return days / 365 + "y" + (days % 365 == 0 ? "" : days % 365 + "d");
    }
}
