package io.sedna4j.api.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sedna4j.api.Preserved;
import io.sedna4j.api.schema.Checked;
import io.sedna4j.api.schema.Format;
import io.sedna4j.api.schema.KubernetesSubset;
import java.util.LinkedHashMap;
import java.util.Map;

/** Kubernetes object metadata: the fields Sedna4J reads or writes; the rest (finalizers, managedFields…) is kept. */
@KubernetesSubset
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ObjectMeta extends Preserved {
    /** Checked where it names a resource (see ManifestValidator); a Pod template's name is only a hint. */
    public String name;
    public String namespace;
    public String uid;
    public String resourceVersion;
    public Long generation;
    public String creationTimestamp;
    public String deletionTimestamp;
    public Map<String, String> labels;
    public Map<String, String> annotations;

    /** The namespace, {@code default} when none is given (as Kubernetes does). */
    public String namespaceOrDefault() {
        return namespace == null || namespace.isEmpty() ? "default" : namespace;
    }

    public Map<String, String> labels() {
        if (labels == null) {
            labels = new LinkedHashMap<>();
        }
        return labels;
    }

    public Map<String, String> annotations() {
        if (annotations == null) {
            annotations = new LinkedHashMap<>();
        }
        return annotations;
    }
}
