package io.sedna4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.sedna4j.api.Preserved;
import io.sedna4j.api.k8s.ObjectMeta;

/**
 * A {@code sedna.io/v1alpha1} resource: what a user writes ({@code spec}) and what Sedna4J reports ({@code status}).
 *
 * @param <S> the spec type
 * @param <T> the status type
 */
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class Resource<S, T> extends Preserved {
    public static final String GROUP = "sedna.io";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;

    @JsonProperty(required = true)
    public String apiVersion = API_VERSION;
    @JsonProperty(required = true)
    public String kind;
    @JsonProperty(required = true)
    public ObjectMeta metadata = new ObjectMeta();
    @JsonProperty(required = true)
    public S spec;
    public T status;

    protected Resource(Kind kind) {
        this.kind = kind.kindName();
    }

    @JsonIgnore
    public Kind kindInfo() {
        return Kind.of(kind);
    }

    /** {@code Kind/namespace/name}: how messages and logs name this resource. */
    @JsonIgnore
    public String key() {
        return kind + "/" + metadata.namespaceOrDefault() + "/" + metadata.name;
    }
}
