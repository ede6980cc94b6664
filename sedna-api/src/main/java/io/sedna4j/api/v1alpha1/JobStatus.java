package io.sedna4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sedna4j.api.Preserved;
import java.util.ArrayList;
import java.util.List;

/** Status of a job that runs to completion (federated learning, video analytics, ReID). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class JobStatus extends Preserved {
    public List<Condition> conditions;
    public String startTime;
    public String completionTime;
    public Integer active;
    public Integer succeeded;
    public Integer failed;
    /** Pending, Running, Succeeded or Failed. */
    public String phase;
    /** What the workers last reported (Sedna4J: the multi-edge inference jobs' frames, fps, lag, placement). */
    public List<Metric> metrics;

    /** The conditions, created empty on first use. */
    public List<Condition> conditions() {
        if (conditions == null) {
            conditions = new ArrayList<>();
        }
        return conditions;
    }
}
