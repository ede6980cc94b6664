package io.sedna4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sedna4j.api.Preserved;

/**
 * A status condition. One type serves every kind: services use type/status/reason/message, learning jobs add
 * {@code stage} and {@code data}, federated learning {@code lastProbeTime}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Condition extends Preserved {
    @JsonProperty(required = true)
    public String type;
    @JsonProperty(required = true)
    public String status;
    /** Train, Eval or Deploy: the stage of an incremental or lifelong learning job. */
    public String stage;
    public String lastHeartbeatTime;
    public String lastTransitionTime;
    public String lastProbeTime;
    public String reason;
    public String message;
    /** JSON of the stage's input and output models and data (learning jobs). */
    public String data;
}
