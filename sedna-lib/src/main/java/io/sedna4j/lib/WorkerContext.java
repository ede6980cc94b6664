package io.sedna4j.lib;

import com.fasterxml.jackson.databind.JsonNode;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.api.link.WorkerInfo;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a worker learns from its environment: Sedna's contract, as the Global Manager and Local Controller inject it
 * (reference/sedna-lib-and-features.md §0.2, §1.0). Values are read once, from {@link #fromEnv()} or a given map.
 *
 * <p>Lookups follow Sedna's {@code Context.get_parameters}: the name as given, then its upper case; an empty value
 * counts as unset, so the default applies. Typed getters fail with a {@link LibException} naming the variable, the
 * value and a fix.
 */
public final class WorkerContext {
    public static final String DEFAULT_JOB_NAME = "sedna";
    public static final String DEFAULT_LC_SERVER = "http://127.0.0.1:9100";
    public static final int DEFAULT_BIG_MODEL_PORT = 5000;
    public static final int DEFAULT_AGG_PORT = 7363;
    public static final Duration DEFAULT_LC_PERIOD = Duration.ofSeconds(30);
    public static final Duration DEFAULT_MODEL_POLL_PERIOD = Duration.ofSeconds(60);

    private final Map<String, String> env;

    private WorkerContext(Map<String, String> env) {
        this.env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    }

    /** The process environment. */
    public static WorkerContext fromEnv() {
        return new WorkerContext(System.getenv());
    }

    /** A given environment, for tests and for workers run in-process. */
    public static WorkerContext fromEnv(Map<String, String> env) {
        return new WorkerContext(env);
    }

    /** The whole environment this context reads. */
    public Map<String, String> env() {
        return env;
    }

    // ---- Sedna's lookup ------------------------------------------------------------------------------------------

    /** Sedna's {@code get_parameters}: {@code name}, then {@code NAME}; unset or empty gives {@code defaultValue}. */
    public String parameter(String name, String defaultValue) {
        String value = env.get(name);
        if (value == null || value.isEmpty()) {
            value = env.get(name.toUpperCase(Locale.ROOT));
        }
        return value == null || value.isEmpty() ? defaultValue : value;
    }

    /** The parameter, or empty when unset. */
    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameter(name, null));
    }

    public int intParameter(String name, int defaultValue) {
        String value = parameter(name, null);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(name, value, "a whole number", String.valueOf(defaultValue));
        }
    }

    public double doubleParameter(String name, double defaultValue) {
        String value = parameter(name, null);
        if (value == null) {
            return defaultValue;
        }
        try {
            double d = Double.parseDouble(value.trim());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(name, value, "a number", String.valueOf(defaultValue));
    }

    /** "true"/"false" in any case (Sedna compares with "true"); anything else is an error, not a silent false. */
    public boolean booleanParameter(String name, boolean defaultValue) {
        String value = parameter(name, null);
        if (value == null) {
            return defaultValue;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return v.equals("true");
        }
        throw invalid(name, value, "true or false", String.valueOf(defaultValue));
    }

    /** A port from 1 to 65535 (0 is allowed for bind ports: any free port). */
    public int portParameter(String name, int defaultValue) {
        int port = intParameter(name, defaultValue);
        if (port < 0 || port > 65535) {
            throw invalid(name, String.valueOf(port), "a port from 1 to 65535", String.valueOf(defaultValue));
        }
        return port;
    }

    /** A period in seconds (fractions allowed, "0.5"); zero, negative or not a number is an error. */
    public Duration secondsParameter(String name, Duration defaultValue) {
        double seconds = doubleParameter(name, defaultValue.toMillis() / 1000.0);
        if (seconds <= 0) {
            throw invalid(name, parameter(name, ""), "a positive number of seconds",
                    String.valueOf(defaultValue.toSeconds()));
        }
        return Duration.ofNanos((long) (seconds * 1e9));
    }

    private static LibException invalid(String name, String value, String expected, String example) {
        return new LibException("environment variable " + name + "=\"" + value + "\" is not " + expected
                + "; fix: set " + name + " to " + expected + " such as " + example + ", or unset it for the default");
    }

    // ---- identity ------------------------------------------------------------------------------------------------

    /** WORKER_NAME, else the owner's name (Sedna: {@code worker_name = WORKER_NAME or job_name}). */
    public String workerName() {
        return parameter("WORKER_NAME", ownerName());
    }

    /** NAMESPACE; "default" when unset (Sedna's "" cannot address a resource). */
    public String namespace() {
        return parameter("NAMESPACE", "default");
    }

    public String serviceName() {
        return parameter("SERVICE_NAME", "");
    }

    /** JOB_NAME, default "sedna" as in Sedna. Prefer {@link #ownerName()} to name the owning resource. */
    public String jobName() {
        return parameter("JOB_NAME", DEFAULT_JOB_NAME);
    }

    /**
     * The name of the resource that owns this worker: JOB_NAME, else SERVICE_NAME, else "sedna". Sedna takes JOB_NAME
     * with its default "sedna" first, so a service's reports and REST path never carried its name; this fixes that.
     */
    public String ownerName() {
        return parameter("JOB_NAME").orElse(parameter("SERVICE_NAME", DEFAULT_JOB_NAME));
    }

    public Optional<String> nodeName() {
        return parameter("NODE_NAME");
    }

    /** LC_SERVER, default http://127.0.0.1:9100. */
    public URI lcServer() {
        return uri("LC_SERVER", parameter("LC_SERVER", DEFAULT_LC_SERVER));
    }

    /** LC_PERIOD: how often statistics go to the LC; 30 s by default. */
    public Duration lcPeriod() {
        return secondsParameter("LC_PERIOD", DEFAULT_LC_PERIOD);
    }

    /** DATA_PATH_PREFIX (default /home/data): stripped from paths in reports, as Sedna does. */
    public String dataPathPrefix() {
        return parameter("DATA_PATH_PREFIX", "/home/data");
    }

    /** {@code path} without {@link #dataPathPrefix()}, for reports. */
    public String reportPath(String path) {
        String prefix = dataPathPrefix();
        return path != null && !prefix.isEmpty() && path.startsWith(prefix) ? path.substring(prefix.length()) : path;
    }

    /** Sedna's report payload for this worker. */
    public WorkerInfo workerInfo(String ownerKind, String kind, String status, JsonNode ownerInfo, JsonNode results) {
        return new WorkerInfo(workerName(), namespace(), ownerName(), ownerKind, kind, status, ownerInfo, results);
    }

    // ---- models and data -----------------------------------------------------------------------------------------

    public Optional<String> modelUrl() {
        return parameter("MODEL_URL");
    }

    /** MODEL_URLS split at ";" (evaluation of several models), else MODEL_URL alone, else nothing. */
    public List<String> modelUrls() {
        List<String> urls = new ArrayList<>();
        for (String url : parameter("MODEL_URLS", "").split(";")) {
            if (!url.isBlank()) {
                urls.add(url.trim());
            }
        }
        if (urls.isEmpty()) {
            modelUrl().ifPresent(urls::add);
        }
        return urls;
    }

    public Optional<String> baseModelUrl() {
        return parameter("BASE_MODEL_URL");
    }

    public Optional<String> trainDatasetUrl() {
        return parameter("TRAIN_DATASET_URL");
    }

    public Optional<String> testDatasetUrl() {
        return parameter("TEST_DATASET_URL");
    }

    public Optional<String> originalDatasetUrl() {
        return parameter("ORIGINAL_DATASET_URL");
    }

    /** MODEL_HOT_UPDATE=true: watch {@link #modelHotUpdateConfig()} and swap the model when it changes. */
    public boolean modelHotUpdate() {
        return booleanParameter("MODEL_HOT_UPDATE", false);
    }

    /** MODEL_HOT_UPDATE_CONFIG: the JSON file the LC rewrites when a new model is deployed. */
    public Optional<String> modelHotUpdateConfig() {
        return parameter("MODEL_HOT_UPDATE_CONFIG");
    }

    /** MODEL_POLL_PERIOD_SECONDS, default 60; values under 1 fall back to 60 as in Sedna. */
    public Duration modelPollPeriod() {
        int seconds = intParameter("MODEL_POLL_PERIOD_SECONDS", 60);
        return seconds < 1 ? DEFAULT_MODEL_POLL_PERIOD : Duration.ofSeconds(seconds);
    }

    // ---- hard example mining -------------------------------------------------------------------------------------

    public Optional<String> hemName() {
        return parameter("HEM_NAME");
    }

    /**
     * HEM_PARAMETERS, Sedna's JSON list {@code [{"key":..,"value":..}]}, as a map; values stay strings, as Sedna keeps
     * them (the algorithm parses them). A JSON object {@code {"k":"v"}} is accepted too.
     */
    public Map<String, String> hemParameters() {
        return keyValues("HEM_PARAMETERS");
    }

    /** A JSON list of {key, value} (or an object) in variable {@code name}, as an ordered map. */
    public Map<String, String> keyValues(String name) {
        String value = parameter(name, null);
        Map<String, String> map = new LinkedHashMap<>();
        if (value == null) {
            return map;
        }
        JsonNode node;
        try {
            node = ResourceCodec.json().readTree(value);
        } catch (IOException e) {
            throw new LibException("environment variable " + name + " is not JSON: " + e.getMessage()
                    + "; fix: set it to a list such as [{\"key\":\"threshold\",\"value\":\"0.5\"}]");
        }
        if (node.isObject()) {
            node.properties().forEach(e -> map.put(e.getKey(), text(e.getValue())));
            return map;
        }
        if (!node.isArray()) {
            throw new LibException("environment variable " + name + "=" + value + " is not a list of key and value"
                    + "; fix: set it to a list such as [{\"key\":\"threshold\",\"value\":\"0.5\"}]");
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.path("key").isValueNode() || item.path("key").asText().isEmpty()) {
                throw new LibException("environment variable " + name + ", item " + i + " (" + item
                        + ") has no \"key\"; fix: write each item as {\"key\":\"name\",\"value\":\"0.5\"}");
            }
            map.put(item.get("key").asText(), text(item.path("value")));
        }
        return map;
    }

    private static String text(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? "" : value.isValueNode() ? value.asText() : value.toString();
    }

    // ---- joint inference and federated learning ------------------------------------------------------------------

    /** BIG_MODEL_IP: where the edge finds the cloud worker; 127.0.0.1 when unset. */
    public String bigModelIp() {
        return parameter("BIG_MODEL_IP", "127.0.0.1");
    }

    public int bigModelPort() {
        return portParameter("BIG_MODEL_PORT", DEFAULT_BIG_MODEL_PORT);
    }

    /** BIG_MODEL_BIND_IP: the cloud worker's listen address; 127.0.0.1 unless told otherwise (house rule). */
    public String bigModelBindIp() {
        return parameter("BIG_MODEL_BIND_IP", "127.0.0.1");
    }

    public int bigModelBindPort() {
        return portParameter("BIG_MODEL_BIND_PORT", DEFAULT_BIG_MODEL_PORT);
    }

    /** MINING_MODE, default "inference-then-mining". */
    public String miningMode() {
        return parameter("MINING_MODE", "inference-then-mining");
    }

    public String aggIp() {
        return parameter("AGG_IP", "127.0.0.1");
    }

    public int aggPort() {
        return portParameter("AGG_PORT", DEFAULT_AGG_PORT);
    }

    public String aggBindIp() {
        return parameter("AGG_BIND_IP", "127.0.0.1");
    }

    public int aggBindPort() {
        return portParameter("AGG_BIND_PORT", DEFAULT_AGG_PORT);
    }

    /** PARTICIPANTS_COUNT, at least 1. */
    public int participantsCount() {
        int n = intParameter("PARTICIPANTS_COUNT", 1);
        if (n < 1) {
            throw invalid("PARTICIPANTS_COUNT", String.valueOf(n), "a count of at least 1", "1");
        }
        return n;
    }

    /** TRANSMITTER: "ws" (default) or "s3". */
    public String transmitter() {
        return parameter("TRANSMITTER", "ws");
    }

    /** KAFKA_ENABLED, default false. */
    public boolean kafkaEnabled() {
        return booleanParameter("KAFKA_ENABLED", false);
    }

    // ---- storage -------------------------------------------------------------------------------------------------

    public Optional<String> s3EndpointUrl() {
        return parameter("S3_ENDPOINT_URL");
    }

    public Optional<String> accessKeyId() {
        return parameter("ACCESS_KEY_ID");
    }

    public Optional<String> secretAccessKey() {
        return parameter("SECRET_ACCESS_KEY");
    }

    private static URI uri(String name, String value) {
        try {
            URI uri = URI.create(value.trim());
            if (uri.getScheme() != null && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new LibException("environment variable " + name + "=\"" + value + "\" is not an http URL"
                + "; fix: set it like " + DEFAULT_LC_SERVER);
    }

    @Override
    public String toString() {
        return "WorkerContext[worker=" + workerName() + ", namespace=" + namespace() + ", owner=" + ownerName() + "]";
    }
}
