package io.sedna4j.gm.store;

import io.sedna4j.api.v1alpha1.Kind;
import io.sedna4j.control.store.WatchEvent;
import io.sedna4j.gm.Json;

/**
 * A write to the store as it is kept in the event history and handed to watchers: the object's JSON as stored
 * (compact), so that a REST watch writes it as it is and each port watcher binds its own copy.
 */
public record Change(WatchEvent.Type type, Kind kind, String namespace, String name, long resourceVersion, String json) {

    public WatchEvent toWatchEvent() {
        return new WatchEvent(type, Json.resource(kind, json));
    }

    /** The line of a Kubernetes watch stream: {@code {"type":"ADDED","object":{...}}}. */
    public String toWatchLine() {
        return "{\"type\":\"" + type + "\",\"object\":" + json + "}";
    }
}
