package io.sedna4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** How resources, workers and nodes are summarised in tables: status words, ages, owners. */
final class Columns {
    private Columns() {
    }

    /** The state a user asks about: a job's phase, else the latest condition (with its stage for learning jobs). */
    static String status(JsonNode resource) {
        JsonNode status = resource.path("status");
        JsonNode conditions = status.path("conditions");
        String latest = "";
        if (conditions.isArray() && !conditions.isEmpty()) {
            JsonNode last = conditions.get(conditions.size() - 1);
            latest = (last.has("stage") ? last.path("stage").asText() + "/" : "") + last.path("type").asText();
        }
        if (status.hasNonNull("phase") && !latest.contains("/")) {
            return status.path("phase").asText();
        }
        if (status.has("numberOfSamples")) {
            return status.path("numberOfSamples").asText() + " samples";
        }
        return latest.isEmpty() ? "Pending" : latest;
    }

    /** 5s, 3m, 2h, 4d, as kubectl prints ages. */
    static String age(String timestamp, Instant now) {
        if (timestamp == null || timestamp.isEmpty()) {
            return "";
        }
        try {
            Duration d = Duration.between(Instant.parse(timestamp), now);
            long s = Math.max(0, d.getSeconds());
            return s < 120 ? s + "s" : s < 7200 ? s / 60 + "m" : s < 172800 ? s / 3600 + "h" : s / 86400 + "d";
        } catch (DateTimeParseException e) {
            return timestamp;
        }
    }

    /** Whether a worker (a minimal Pod) belongs to the resource. */
    static boolean ownedBy(JsonNode worker, String kind, String name) {
        for (JsonNode ref : worker.path("metadata").path("ownerReferences")) {
            if (ref.path("kind").asText().equals(kind) && ref.path("name").asText().equals(name)) {
                return true;
            }
        }
        return false;
    }

    static String restarts(JsonNode worker) {
        JsonNode statuses = worker.path("status").path("containerStatuses");
        return statuses.isArray() && !statuses.isEmpty() ? statuses.get(0).path("restartCount").asText("0") : "0";
    }

    /** The message a worker's phase came with. */
    static String workerMessage(JsonNode worker) {
        return worker.path("status").path("message").asText("");
    }

    static String nodeReady(JsonNode node) {
        for (JsonNode c : node.path("status").path("conditions")) {
            if (c.path("type").asText().equals("Ready")) {
                return c.path("status").asText().equals("True") ? "Ready" : "NotReady";
            }
        }
        return "Unknown";
    }

    static String labels(JsonNode node) {
        List<String> labels = new ArrayList<>();
        node.path("metadata").path("labels").fields()
                .forEachRemaining(e -> labels.add(e.getValue().asText().isEmpty() ? e.getKey()
                        : e.getKey() + "=" + e.getValue().asText()));
        return String.join(",", labels);
    }
}
