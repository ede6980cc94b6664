package io.sedna4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sedna4j.api.Preserved;
import java.util.ArrayList;
import java.util.List;

/**
 * Status of an incremental or lifelong learning job. Conditions are append-only; the last one is the current stage
 * (Train, Eval, Deploy) and state (Waiting, Ready, Starting, Running, Completed, Failed).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LearningJobStatus extends Preserved {
    public List<Condition> conditions;
    public String startTime;
    public String completionTime;

    /** The conditions, created empty on first use. */
    public List<Condition> conditions() {
        if (conditions == null) {
            conditions = new ArrayList<>();
        }
        return conditions;
    }
}
