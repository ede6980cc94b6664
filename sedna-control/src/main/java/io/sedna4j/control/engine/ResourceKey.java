package io.sedna4j.control.engine;

import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.api.v1alpha1.Resource;
import java.util.Locale;

/** {@code Kind/namespace/name}: how the engine's queue, logs and messages name a resource. */
record ResourceKey(Kind kind, String namespace, String name) {

    static ResourceKey of(Resource<?, ?> r) {
        return new ResourceKey(r.kindInfo(), r.metadata.namespaceOrDefault(), r.metadata.name);
    }

    /** The key {@link #toString} wrote, or null if it names no kind (names hold no '/', so the split is exact). */
    static ResourceKey parse(String key) {
        String[] parts = key.split("/", 3);
        Kind kind = parts.length == 3 ? Kind.of(parts[0]) : null;
        return kind == null ? null : new ResourceKey(kind, parts[1], parts[2]);
    }

    /** The kind a frame header names: Sedna writes it lower-case ({@code jointinferenceservice}). */
    static Kind kindOfHeader(String resourceKind) {
        if (resourceKind == null) {
            return null;
        }
        for (Kind k : Kind.values()) {
            if (k.kindName().equalsIgnoreCase(resourceKind)) {
                return k;
            }
        }
        return null;
    }

    String headerKind() {
        return kind.kindName().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return kind.kindName() + "/" + namespace + "/" + name;
    }
}
