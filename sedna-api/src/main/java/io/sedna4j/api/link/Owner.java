package io.sedna4j.api.link;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.sedna4j.api.v1alpha1.Resource;

/**
 * The resource a worker belongs to. The uid tells apart a deleted resource from a new one of the same name.
 *
 * @param kind       the resource's kind name, e.g. {@code JointInferenceService}
 * @param generation the spec generation the worker was made from
 */
public record Owner(String kind, String namespace, String name, String uid, long generation) {
    public static Owner of(Resource<?, ?> r) {
        Long generation = r.metadata.generation;
        return new Owner(r.kind, r.metadata.namespaceOrDefault(), r.metadata.name, r.metadata.uid,
                generation == null ? 1 : generation);
    }

    /** {@code Kind/namespace/name}, as {@link Resource#key()}. */
    @JsonIgnore
    public String key() {
        return kind + "/" + namespace + "/" + name;
    }
}
