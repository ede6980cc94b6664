package io.sedna4j.api.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sedna4j.api.Preserved;
import io.sedna4j.api.schema.Checked;
import io.sedna4j.api.schema.Format;
import io.sedna4j.api.schema.KubernetesSubset;

/** A Pod volume. Standalone, host paths and empty dirs are honoured; other sources are kept for Kubernetes. */
@KubernetesSubset
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Volume extends Preserved {
    @JsonProperty(required = true)
    public String name;
    public HostPath hostPath;
    public EmptyDir emptyDir;
    public ClaimRef persistentVolumeClaim;

    @KubernetesSubset
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class HostPath extends Preserved {
        @JsonProperty(required = true)
        public String path;
        public String type;
    }

    @KubernetesSubset
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class EmptyDir extends Preserved {
        public String medium;
        public Quantity sizeLimit;
    }

    @KubernetesSubset
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class ClaimRef extends Preserved {
        @JsonProperty(required = true)
        public String claimName;
        public Boolean readOnly;
    }
}
