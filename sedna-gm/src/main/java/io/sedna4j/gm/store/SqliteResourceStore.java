package io.sedna4j.gm.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.Resource;
import io.sedna4j.control.ControlException;
import io.sedna4j.control.ControlException.Reason;
import io.sedna4j.control.Subscription;
import io.sedna4j.control.store.ResourceStore;
import io.sedna4j.control.store.WatchEvent;
import io.sedna4j.gm.Json;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Resources in the GM's SQLite file, with Kubernetes' semantics: one store-wide resourceVersion counter, optimistic
 * concurrency, generation counting spec changes, status written only through {@link #updateStatus}. Every row is
 * also held in memory (as its JSON), so reads never touch the disk; writes go to SQLite first, then to memory and to
 * watchers, all under one lock so that watchers see changes in resourceVersion order.
 */
public final class SqliteResourceStore implements ResourceStore {
    public static final int DEFAULT_HISTORY = 1000;

    private final Database db;
    /** kind, namespace, name → compact JSON; sorted so that a kind's resources list by namespace, name. */
    private final TreeMap<String, String> rows = new TreeMap<>();
    private final List<Consumer<Change>> sinks = new CopyOnWriteArrayList<>();
    private final AtomicInteger watcherIds = new AtomicInteger();
    private final EventHistory history;
    private long version;

    public SqliteResourceStore(Database db) {
        this(db, DEFAULT_HISTORY);
    }

    public SqliteResourceStore(Database db, int historySize) {
        this.db = db;
        db.execute("""
                CREATE TABLE IF NOT EXISTS resources (kind TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
                  uid TEXT NOT NULL, resource_version INTEGER NOT NULL, generation INTEGER NOT NULL, json TEXT NOT NULL,
                  PRIMARY KEY (kind, namespace, name))""",
                "CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)",
                "INSERT OR IGNORE INTO counters VALUES ('resourceVersion', 0)");
        db.read(c -> {
            try (ResultSet r = c.createStatement().executeQuery("SELECT kind, namespace, name, json FROM resources")) {
                while (r.next()) {
                    rows.put(key(r.getString(1), r.getString(2), r.getString(3)), r.getString(4));
                }
            }
            try (ResultSet r = c.createStatement().executeQuery(
                    "SELECT value FROM counters WHERE name = 'resourceVersion'")) {
                version = r.next() ? r.getLong(1) : 0;
            }
            return null;
        });
        this.history = new EventHistory(historySize, version);
    }

    @Override
    public Optional<Resource<?, ?>> get(Kind kind, String namespace, String name) {
        return getJson(kind, namespace, name).map(json -> Json.resource(kind, json));
    }

    /** The object as stored (compact JSON), e.g. to serve it without binding it. */
    public synchronized Optional<String> getJson(Kind kind, String namespace, String name) {
        return Optional.ofNullable(rows.get(key(kind.kindName(), namespace(namespace), name)));
    }

    @Override
    public List<Resource<?, ?>> list(Kind kind, String namespace) {
        List<Resource<?, ?>> result = new ArrayList<>();
        for (String json : listJson(kind, namespace).values()) {
            result.add(Json.resource(kind, json));
        }
        return result;
    }

    /** Stored JSON of a kind's resources with the store's resourceVersion at the time (for a REST list). */
    public synchronized Snapshot snapshot(Kind kind, String namespace) {
        return new Snapshot(version, List.copyOf(listJson(kind, namespace).values()));
    }

    /** What a list saw: the objects and the version to watch from to see every later change. */
    public record Snapshot(long resourceVersion, List<String> items) {
    }

    private synchronized Map<String, String> listJson(Kind kind, String namespace) {
        String prefix = namespace == null ? kind.kindName() + '\0' : key(kind.kindName(), namespace, "");
        return new TreeMap<>(rows.subMap(prefix, prefix + Character.MAX_VALUE));
    }

    public synchronized long resourceVersion() {
        return version;
    }

    @Override
    public synchronized Resource<?, ?> create(Resource<?, ?> resource) {
        Kind kind = kindOf(resource);
        ObjectNode tree = Json.tree(resource);
        ObjectNode meta = metadata(tree);
        String namespace = namespace(text(meta, "namespace"));
        String name = requireName(resource, meta);
        if (rows.containsKey(key(kind.kindName(), namespace, name))) {
            throw new ControlException(Reason.ALREADY_EXISTS, kind.kindName() + " " + namespace + "/" + name
                    + " already exists; fix: choose another metadata.name, or replace it (sedna apply, kubectl apply)");
        }
        long rv = version + 1;
        meta.put("namespace", namespace);
        meta.put("uid", UUID.randomUUID().toString());
        meta.put("resourceVersion", Long.toString(rv));
        meta.put("generation", 1);
        meta.put("creationTimestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        meta.remove("deletionTimestamp");
        tree.remove("status"); // written only through updateStatus, as Kubernetes' status subresource
        return write(WatchEvent.Type.ADDED, kind, namespace, name, rv, tree);
    }

    @Override
    public synchronized Resource<?, ?> update(Resource<?, ?> resource) {
        Kind kind = kindOf(resource);
        ObjectNode stored = stored(kind, resource);
        ObjectNode tree = Json.tree(resource);
        ObjectNode meta = metadata(tree);
        checkVersion(kind, stored, meta);
        ObjectNode storedMeta = metadata(stored);
        for (String owned : List.of("name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp",
                "deletionTimestamp")) {
            meta.remove(owned);
            if (storedMeta.has(owned)) {
                meta.set(owned, storedMeta.get(owned));
            }
        }
        tree.remove("status");
        if (stored.has("status")) {
            tree.set("status", stored.get("status"));
        }
        if (!spec(tree).equals(spec(stored))) {
            meta.put("generation", storedMeta.path("generation").asLong(1) + 1);
        }
        return replace(kind, stored, tree);
    }

    @Override
    public synchronized Resource<?, ?> updateStatus(Resource<?, ?> resource) {
        Kind kind = kindOf(resource);
        ObjectNode stored = stored(kind, resource);
        ObjectNode incoming = Json.tree(resource);
        checkVersion(kind, stored, metadata(incoming));
        ObjectNode tree = stored.deepCopy();
        JsonNode status = incoming.get("status");
        if (status == null || status.isNull()) {
            tree.remove("status");
        } else {
            tree.set("status", status);
        }
        return replace(kind, stored, tree);
    }

    @Override
    public synchronized Optional<Resource<?, ?>> delete(Kind kind, String namespace, String name) {
        String ns = namespace(namespace);
        String json = rows.get(key(kind.kindName(), ns, name));
        if (json == null) {
            return Optional.empty();
        }
        long rv = version + 1;
        ObjectNode tree = (ObjectNode) Json.parse(json);
        // as Kubernetes, the deleted object carries the version of its deletion, so a watch can resume after it
        metadata(tree).put("resourceVersion", Long.toString(rv));
        return Optional.of(write(WatchEvent.Type.DELETED, kind, ns, name, rv, tree));
    }

    @Override
    public Subscription watch(Consumer<WatchEvent> listener) {
        Watcher watcher = new Watcher(listener, "store-watch-" + watcherIds.incrementAndGet());
        sinks.add(watcher);
        watcher.start(() -> sinks.remove(watcher));
        return watcher;
    }

    /**
     * A REST watch: changes of {@code kind} (all kinds if null) in {@code namespace} (all if null), handed to
     * {@code sink} synchronously under the store's lock, so the sink must not block (e.g. offer to a queue).
     * Without a resourceVersion (or "0") it first gets an ADDED for every current object, as Kubernetes does;
     * with one, the changes after it.
     *
     * @throws ExpiredException when changes after {@code resourceVersion} are no longer in the history
     * @throws NumberFormatException when {@code resourceVersion} is not a number
     */
    public synchronized Subscription watch(Kind kind, String namespace, String resourceVersion,
                                           Predicate<Change> filter, Consumer<Change> sink) {
        Predicate<Change> accept = c -> (kind == null || c.kind() == kind)
                && (namespace == null || c.namespace().equals(namespace)) && filter.test(c);
        Consumer<Change> filtered = c -> {
            if (accept.test(c)) {
                sink.accept(c);
            }
        };
        if (resourceVersion == null || resourceVersion.isEmpty() || resourceVersion.equals("0")) {
            for (Kind k : kind == null ? Kind.values() : new Kind[] {kind}) {
                listJson(k, namespace).forEach((key, json) -> {
                    String[] parts = key.split("\0", 3);
                    filtered.accept(new Change(WatchEvent.Type.ADDED, k, parts[1], parts[2], version, json));
                });
            }
        } else {
            long since = Long.parseLong(resourceVersion);
            List<Change> missed = history.since(since, accept);
            if (missed == null) {
                throw new ExpiredException("too old resource version: " + since + " (the oldest this GM can resume "
                        + "from is " + history.floor() + "); fix: list again and watch from the list's resourceVersion");
            }
            missed.forEach(sink);
        }
        sinks.add(filtered);
        return () -> sinks.remove(filtered);
    }

    private Resource<?, ?> replace(Kind kind, ObjectNode stored, ObjectNode tree) {
        if (tree.equals(stored)) {
            return Json.resource(kind, tree); // nothing changed: no new version, no event, as Kubernetes
        }
        ObjectNode meta = metadata(tree);
        long rv = version + 1;
        meta.put("resourceVersion", Long.toString(rv));
        return write(WatchEvent.Type.MODIFIED, kind, text(meta, "namespace"), text(meta, "name"), rv, tree);
    }

    /** Persists, then updates memory and tells watchers; SQLite first, so a failed write changes nothing. */
    private Resource<?, ?> write(WatchEvent.Type type, Kind kind, String namespace, String name, long rv,
                                 ObjectNode tree) {
        String json = Json.write(tree);
        ObjectNode meta = metadata(tree);
        db.transaction(c -> {
            if (type == WatchEvent.Type.DELETED) {
                try (PreparedStatement s = c.prepareStatement(
                        "DELETE FROM resources WHERE kind = ? AND namespace = ? AND name = ?")) {
                    s.setString(1, kind.kindName());
                    s.setString(2, namespace);
                    s.setString(3, name);
                    s.executeUpdate();
                }
            } else {
                try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO resources "
                        + "(kind, namespace, name, uid, resource_version, generation, json) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    s.setString(1, kind.kindName());
                    s.setString(2, namespace);
                    s.setString(3, name);
                    s.setString(4, text(meta, "uid"));
                    s.setLong(5, rv);
                    s.setLong(6, meta.path("generation").asLong(1));
                    s.setString(7, json);
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE counters SET value = ? WHERE name = 'resourceVersion'")) {
                s.setLong(1, rv);
                s.executeUpdate();
            }
            return null;
        });
        version = rv;
        String key = key(kind.kindName(), namespace, name);
        if (type == WatchEvent.Type.DELETED) {
            rows.remove(key);
        } else {
            rows.put(key, json);
        }
        Change change = new Change(type, kind, namespace, name, rv, json);
        history.add(change);
        for (Consumer<Change> sink : sinks) {
            sink.accept(change);
        }
        return Json.resource(kind, json);
    }

    private ObjectNode stored(Kind kind, Resource<?, ?> resource) {
        String namespace = namespace(resource.metadata.namespace);
        String name = requireName(resource, null);
        String json = rows.get(key(kind.kindName(), namespace, name));
        if (json == null) {
            throw new ControlException(Reason.NOT_FOUND, kind.kindName() + " " + namespace + "/" + name
                    + " does not exist; fix: create it first (sedna apply -f FILE), or check its name and namespace");
        }
        return (ObjectNode) Json.parse(json);
    }

    private static void checkVersion(Kind kind, ObjectNode stored, ObjectNode incomingMeta) {
        String expected = text(incomingMeta, "resourceVersion");
        String actual = text(metadata(stored), "resourceVersion");
        if (expected != null && !expected.isEmpty() && !expected.equals(actual)) {
            throw new ControlException(Reason.CONFLICT, "Operation cannot be fulfilled on " + kind.plural()
                    + ".sedna.io \"" + text(metadata(stored), "name") + "\": the object has been modified (your "
                    + "resourceVersion is " + expected + ", the stored one " + actual + "); fix: read it again and "
                    + "apply your change to the latest version");
        }
    }

    private static Kind kindOf(Resource<?, ?> resource) {
        Kind kind = resource.kindInfo();
        if (kind == null) {
            throw new ControlException(Reason.INVALID, "unknown kind \"" + resource.kind + "\"; fix: use one of "
                    + Kind.names());
        }
        return kind;
    }

    private static String requireName(Resource<?, ?> resource, ObjectNode meta) {
        String name = meta == null ? resource.metadata.name : text(meta, "name");
        if (name == null || name.isEmpty()) {
            throw new ControlException(Reason.INVALID, resource.kind + " has no metadata.name; fix: name it");
        }
        return name;
    }

    private static ObjectNode metadata(ObjectNode tree) {
        JsonNode meta = tree.get("metadata");
        if (meta instanceof ObjectNode m) {
            return m;
        }
        return tree.putObject("metadata");
    }

    private static JsonNode spec(ObjectNode tree) {
        JsonNode spec = tree.get("spec");
        return spec == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : spec;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String namespace(String namespace) {
        return namespace == null || namespace.isEmpty() ? "default" : namespace;
    }

    private static String key(String kind, String namespace, String name) {
        return kind + '\0' + namespace + '\0' + name;
    }
}
