package io.sedna4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sedna4j.api.Preserved;
import java.util.ArrayList;
import java.util.List;

/** Status of a long-running service (joint inference, feature extraction, object search and tracking). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceStatus extends Preserved {
    public List<Condition> conditions;
    public String startTime;
    public Integer active;
    public Integer failed;
    public List<Metric> metrics;

    /** The conditions, created empty on first use. */
    public List<Condition> conditions() {
        if (conditions == null) {
            conditions = new ArrayList<>();
        }
        return conditions;
    }
}
