package io.sedna4j.lc.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.sedna4j.api.link.Frame;
import io.sedna4j.lc.Json;
import io.sedna4j.lc.LcException;
import io.sedna4j.lc.store.LcDatabase;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resources the GM sent to this node ({@code insert} / {@code delete}), kept in SQLite and handed to the manager
 * of their kind. Unlike Sedna's LC, stored resources are reloaded at start, so managers resume without the GM.
 */
public final class ResourceManager {
    private static final Logger log = LoggerFactory.getLogger(ResourceManager.class);

    /** The manager of one kind. Called on the link's dispatch thread, or at start. */
    public interface Listener {
        void inserted(String key, JsonNode resource);

        void deleted(String key);
    }

    private record Ref(String kind, String namespace, String name) {
        String key() {
            return ResourceManager.key(namespace, kind, name);
        }
    }

    private final LcDatabase db;
    private final Map<String, Listener> listeners = new ConcurrentHashMap<>();

    public ResourceManager(LcDatabase db) {
        this.db = db;
    }

    /** Sedna's identifier: {@code <namespace>/<lower-case kind>/<name>}. */
    public static String key(String namespace, String kind, String name) {
        return namespace + "/" + kind.toLowerCase(Locale.ROOT) + "/" + name;
    }

    /** {@code kind} lower-case, as in frame headers ({@code dataset}). */
    public void register(String kind, Listener listener) {
        listeners.put(kind.toLowerCase(Locale.ROOT), listener);
    }

    public void insert(Frame frame) {
        JsonNode resource = frame.content(JsonNode.class);
        Ref ref = ref(frame, resource);
        db.update("INSERT INTO resources(key, kind, namespace, name, json) VALUES(?, ?, ?, ?, ?)"
                        + " ON CONFLICT(key) DO UPDATE SET json = excluded.json",
                ref.key(), ref.kind(), ref.namespace(), ref.name(), Json.compact(resource));
        log.debug("stored {}", ref.key());
        Listener l = listeners.get(ref.kind());
        if (l != null) {
            l.inserted(ref.key(), resource);
        }
    }

    public void delete(Frame frame) {
        JsonNode resource = frame.content() == null ? MissingNode.getInstance() : frame.content(JsonNode.class);
        Ref ref = ref(frame, resource);
        db.update("DELETE FROM resources WHERE key = ?", ref.key());
        log.debug("removed {}", ref.key());
        Listener l = listeners.get(ref.kind());
        if (l != null) {
            l.deleted(ref.key());
        }
    }

    /** Hands every stored resource to its manager again, as at the time it was inserted. */
    public int reload() {
        record Row(String key, String kind, String json) {
        }
        List<Row> rows = db.query("SELECT key, kind, json FROM resources ORDER BY rowid",
                rs -> new Row(rs.getString(1), rs.getString(2), rs.getString(3)));
        for (Row row : rows) {
            Listener l = listeners.get(row.kind());
            if (l == null) {
                continue;
            }
            try {
                l.inserted(row.key(), Json.read(row.json(), JsonNode.class));
            } catch (RuntimeException e) {
                log.error("cannot resume {} stored in {}: {}", row.key(), db.file(), e.getMessage());
            }
        }
        if (!rows.isEmpty()) {
            log.info("resumed {} resource(s) stored in {}", rows.size(), db.file());
        }
        return rows.size();
    }

    public Optional<JsonNode> get(String key) {
        return db.query("SELECT json FROM resources WHERE key = ?", rs -> rs.getString(1), key).stream()
                .findFirst().map(json -> Json.read(json, JsonNode.class));
    }

    private static Ref ref(Frame frame, JsonNode resource) {
        Frame.Header h = frame.header();
        String kind = text(resource.path("kind"), h.resourceKind());
        String namespace = text(resource.path("metadata").path("namespace"), h.namespace());
        String name = text(resource.path("metadata").path("name"), h.resourceName());
        if (kind == null || name == null) {
            throw new LcException(frame.header().operation() + " frame " + frame.seq()
                    + " names no resource kind or name (neither in its header nor in metadata)");
        }
        return new Ref(kind.toLowerCase(Locale.ROOT), namespace == null ? "default" : namespace, name);
    }

    private static String text(JsonNode node, String fallback) {
        String s = node.isTextual() && !node.asText().isEmpty() ? node.asText() : fallback;
        return s == null || s.isEmpty() ? null : s;
    }
}
