package io.sedna4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sedna4j.api.Preserved;
import io.sedna4j.api.schema.Checked;
import io.sedna4j.api.schema.Format;
import java.math.BigDecimal;

/**
 * When a learning stage starts: a metric compared with a threshold, optionally only inside a daily time window.
 * {@code checkPeriodSeconds} is kept for compatibility; Sedna ignores it too.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Trigger extends Preserved {
    @Checked(Format.POSITIVE)
    public Long checkPeriodSeconds;
    public Timer timer;
    @JsonProperty(required = true)
    public TriggerCondition condition;

    /** A daily window, {@code HH:MM} to {@code HH:MM}; a window whose end is before its start spans midnight. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Timer extends Preserved {
        @JsonProperty(required = true)
        @Checked(Format.TIME_OF_DAY)
        public String start;
        @JsonProperty(required = true)
        @Checked(Format.TIME_OF_DAY)
        public String end;
    }

    /** {@code metric operator threshold}, e.g. {@code num_of_samples > 500}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class TriggerCondition extends Preserved {
        @JsonProperty(required = true)
        @Checked(Format.TRIGGER_OPERATOR)
        public String operator;
        @JsonProperty(required = true)
        public BigDecimal threshold;
        @JsonProperty(required = true)
        public String metric;
    }
}
