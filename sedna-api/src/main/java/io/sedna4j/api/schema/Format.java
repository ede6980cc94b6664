package io.sedna4j.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Value formats that Sedna's CRD schemas leave unchecked and Sedna only finds out about at run time, if at all. Each
 * check returns {@code null} for a good value or a {@link Violation} that says what is wrong and how to fix it.
 */
public enum Format {
    /** Names of resources and nodes (Kubernetes' DNS-1123 subdomain). */
    DNS_SUBDOMAIN(Format::dnsSubdomain),
    /** Namespaces (Kubernetes' DNS-1123 label). */
    DNS_LABEL(Format::dnsLabel),
    /** Where models, datasets and outputs live: a path, {@code file://}, {@code s3://} or {@code http(s)://}. */
    URL(Format::url),
    /** A trigger time window bound, {@code HH:MM} from 00:00 to 24:00. */
    TIME_OF_DAY(v -> v.asText().matches("([01]\\d|2[0-3]):[0-5]\\d|24:00") ? null
            : new Violation("\"" + v.asText() + "\" is not a time of day",
                    "write HH:MM on a 24-hour clock, from 00:00 to 24:00, e.g. \"02:00\"")),
    /** A trigger comparison. */
    TRIGGER_OPERATOR(oneOf(List.of(">", "<", ">=", "<=", "="), "trigger operator")),
    /** A hard example mining algorithm known to the library. */
    HARD_EXAMPLE_MINING(oneOf(Algorithms.HARD_EXAMPLE_MINING.names(), "hard example mining algorithm")),
    /** Dataset index formats the Local Controller reads. */
    DATASET_FORMAT(v -> List.of("txt", "csv").contains(v.asText().toLowerCase(Locale.ROOT)) ? null
            : new Violation("dataset format \"" + v.asText() + "\" is not supported",
                    "use \"txt\" (one sample per line) or \"csv\" (a header line, then one sample per line)")),
    /** A share between 0 and 1. */
    PROBABILITY(v -> v.asDouble() >= 0 && v.asDouble() <= 1 ? null
            : new Violation(v.asText() + " is not between 0 and 1", "give a fraction, e.g. 0.8 for 80%")),
    /** Counts such as replicas and backoff limits. */
    NON_NEGATIVE(v -> v.asLong() >= 0 ? null
            : new Violation(v.asText() + " is negative", "give 0 or a positive number")),
    /** Durations in seconds that must be at least one. */
    POSITIVE(v -> v.asLong() >= 1 ? null
            : new Violation(v.asText() + " is less than 1", "give a positive number")),
    PORT(v -> v.asInt() >= 1 && v.asInt() <= 65535 && v.canConvertToInt() ? null
            : new Violation("port " + v.asText() + " is out of range", "give a port number from 1 to 65535")),
    RESTART_POLICY(oneOf(List.of("Always", "OnFailure", "Never"), "restart policy")),
    PULL_POLICY(oneOf(List.of("Always", "IfNotPresent", "Never"), "image pull policy")),
    PROTOCOL(oneOf(List.of("TCP", "UDP", "SCTP"), "protocol"));

    /** What is wrong with a value and how to put it right. */
    public record Violation(String message, String hint) {
    }

    private static final Pattern DNS_LABEL_PATTERN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN_PATTERN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final List<String> URL_SCHEMES = List.of("file", "s3", "http", "https");

    private final Function<JsonNode, Violation> check;

    Format(Function<JsonNode, Violation> check) {
        this.check = check;
    }

    /** Checks a value already known to have the field's type. */
    public Violation check(JsonNode value) {
        return check.apply(value);
    }

    private static Violation dnsSubdomain(JsonNode v) {
        String name = v.asText();
        if (name.length() <= 253 && DNS_SUBDOMAIN_PATTERN.matcher(name).matches()) {
            return null;
        }
        return new Violation("\"" + name + "\" is not a valid name",
                "use at most 253 lower-case letters, digits, '-' and '.', starting and ending with a letter or digit"
                        + suggestion(name, 253));
    }

    private static Violation dnsLabel(JsonNode v) {
        String name = v.asText();
        if (name.length() <= 63 && DNS_LABEL_PATTERN.matcher(name).matches()) {
            return null;
        }
        return new Violation("\"" + name + "\" is not a valid namespace",
                "use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit"
                        + suggestion(name.replace('.', '-'), 63));
    }

    private static String suggestion(String name, int max) {
        String fixed = name.toLowerCase(Locale.ROOT).replaceAll("[^-a-z0-9.]", "-")
                .replaceAll("^[-.]+|[-.]+$", "");
        fixed = fixed.substring(0, Math.min(fixed.length(), max));
        return fixed.isEmpty() || fixed.equals(name) ? "" : ", e.g. \"" + fixed + "\"";
    }

    private static Violation url(JsonNode v) {
        String url = v.asText();
        String hint = "give an absolute or relative path, or a file://, s3://bucket/key or http(s):// URL";
        if (url.isBlank() || !url.strip().equals(url)) {
            return new Violation("\"" + url + "\" is " + (url.isBlank() ? "empty" : "padded with spaces"), hint);
        }
        int colon = url.indexOf("://");
        if (colon < 0) {
            return null; // a path, relative to the node's working directory or absolute
        }
        String scheme = url.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!URL_SCHEMES.contains(scheme)) {
            return new Violation("URL scheme \"" + scheme + "\" is not supported", hint);
        }
        try {
            URI uri = new URI(url);
            if (!scheme.equals("file") && (uri.getHost() == null || uri.getHost().isEmpty())) {
                return new Violation("\"" + url + "\" names no " + (scheme.equals("s3") ? "bucket" : "host"), hint);
            }
            return null;
        } catch (URISyntaxException e) {
            return new Violation("\"" + url + "\" is not a valid URL: " + e.getReason(),
                    "percent-encode spaces and special characters, e.g. %20 for a space");
        }
    }

    private static Function<JsonNode, Violation> oneOf(List<String> allowed, String what) {
        return v -> allowed.contains(v.asText()) ? null
                : new Violation("unknown " + what + " \"" + v.asText() + "\"",
                        "use one of " + String.join(", ", allowed) + Names.didYouMean(v.asText(), allowed));
    }
}
