package io.sedna4j.control.store;

import io.sedna4j.api.v1alpha1.Resource;

/** A change in the store, as Kubernetes' watch reports it; a deletion carries the resource as it last was. */
public record WatchEvent(Type type, Resource<?, ?> resource) {
    public enum Type { ADDED, MODIFIED, DELETED }
}
