package io.sedna4j.lib.storage;

import io.sedna4j.lib.WorkerContext;

/**
 * How to reach S3, as Sedna's workers get it: S3_ENDPOINT_URL (https unless it says http; AWS when empty),
 * ACCESS_KEY_ID and SECRET_ACCESS_KEY (anonymous when both are empty), and AWS_REGION (us-east-1 by default;
 * MinIO and S3Proxy ignore it).
 */
public record S3Settings(String endpoint, String accessKeyId, String secretAccessKey, String region) {

    public static S3Settings fromContext(WorkerContext context) {
        return new S3Settings(context.s3EndpointUrl().orElse(""), context.accessKeyId().orElse(""),
                context.secretAccessKey().orElse(""),
                context.parameter("AWS_REGION").orElse(context.parameter("AWS_DEFAULT_REGION", "us-east-1")));
    }

    /** The endpoint as a URL: Sedna's rule, https unless the value names http. */
    public String endpointUrl() {
        if (endpoint == null || endpoint.isBlank()) {
            return "";
        }
        return endpoint.contains("://") ? endpoint.trim() : "https://" + endpoint.trim();
    }

    @Override
    public String toString() {
        // never the secret
        return "S3Settings[endpoint=" + endpointUrl() + ", accessKeyId=" + accessKeyId + ", region=" + region + "]";
    }
}
