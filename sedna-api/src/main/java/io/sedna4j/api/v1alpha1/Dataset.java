package io.sedna4j.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sedna4j.api.Preserved;
import io.sedna4j.api.schema.Checked;
import io.sedna4j.api.schema.Format;

/** Samples on one node, listed in an index file; the node's Local Controller counts them. */
public class Dataset extends Resource<Dataset.Spec, Dataset.Status> {
    public Dataset() {
        super(Kind.DATASET);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Spec extends Preserved {
        /** The index file: one sample per line (txt) or per row after a header (csv). */
        @JsonProperty(required = true)
        @Checked(Format.URL)
        public String url;
        @JsonProperty(required = true)
        @Checked(Format.DATASET_FORMAT)
        public String format;
        /** The node whose Local Controller watches the index. */
        @JsonProperty(required = true)
        @Checked(Format.DNS_SUBDOMAIN)
        public String nodeName;
        public String credentialName;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Status extends Preserved {
        public Integer numberOfSamples;
        public String updateTime;
    }
}
