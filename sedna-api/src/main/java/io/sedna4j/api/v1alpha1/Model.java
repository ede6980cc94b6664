package io.sedna4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sedna4j.api.Preserved;
import io.sedna4j.api.schema.Checked;
import io.sedna4j.api.schema.Format;
import java.util.List;

/** A model file and its format; learning jobs read it, and write new versions of it. */
public class Model extends Resource<Model.Spec, Model.Status> {
    public Model() {
        super(Kind.MODEL);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Spec extends Preserved {
        @JsonProperty(required = true)
        @Checked(Format.URL)
        public String url;
        /** e.g. {@code onnx}, {@code pt}, {@code pb}; incremental learning matches trained outputs by it. */
        @JsonProperty(required = true)
        public String format;
        @JsonProperty("device_soc_versions")
        public List<String> devices;
        public String credentialName;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Status extends Preserved {
        public String updateTime;
        public List<Metric> metrics;
    }
}
