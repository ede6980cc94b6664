package io.sedna4j.api.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sedna4j.api.Preserved;
import io.sedna4j.api.schema.Checked;
import io.sedna4j.api.schema.Format;
import io.sedna4j.api.schema.KubernetesSubset;

/** An environment variable: a literal {@code value} or one taken {@code valueFrom} elsewhere. */
@KubernetesSubset
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EnvVar extends Preserved {
    @JsonProperty(required = true)
    public String name;
    public String value;
    public EnvVarSource valueFrom;

    public EnvVar() {
    }

    public EnvVar(String name, String value) {
        this.name = name;
        this.value = value;
    }

    /** Where a variable's value comes from. */
    @KubernetesSubset
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class EnvVarSource extends Preserved {
        public FieldRef fieldRef;
        public KeyRef configMapKeyRef;
        public KeyRef secretKeyRef;
    }

    /** A field of the worker's own Pod, e.g. {@code spec.nodeName}. */
    @KubernetesSubset
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class FieldRef extends Preserved {
        public String apiVersion;
        @JsonProperty(required = true)
        public String fieldPath;
    }

    /** A key of a ConfigMap or Secret. */
    @KubernetesSubset
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class KeyRef extends Preserved {
        @JsonProperty(required = true)
        public String key;
        public String name;
        public Boolean optional;
    }
}
