package io.sedna4j.lib.algorithm;

import io.sedna4j.lib.LibException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An algorithm's parameters as the manifest gives them (strings, as Sedna keeps them), with typed reads that fail
 * with a message naming the algorithm, the parameter, the value and where it is set. Sedna passes the strings on
 * uncast ({@code RandomFilter} then fails on "0.3"); here every value is parsed and checked.
 */
public final class Parameters {
    private final String algorithm;
    private final String configured;
    private final Map<String, String> values;

    public Parameters(String algorithm, String configured, Map<String, String> values) {
        this.algorithm = algorithm;
        this.configured = configured == null ? "the algorithm's parameters" : configured;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Parameters for direct use in code (no manifest). */
    public static Parameters of(String algorithm, Map<String, String> values) {
        return new Parameters(algorithm, null, values);
    }

    public Map<String, String> asMap() {
        return values;
    }

    public Optional<String> string(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    /** A finite number. */
    public double number(String name, double defaultValue) {
        Optional<String> v = string(name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            double d = Double.parseDouble(v.get());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(name, v.get(), "a number", "\"" + defaultValue + "\"");
    }

    /** A number from 0 to 1, the range of every hard example mining threshold. */
    public double fraction(String name, double defaultValue) {
        double d = number(name, defaultValue);
        if (d < 0 || d > 1) {
            throw invalid(name, string(name).orElse(""), "a number from 0 to 1", "\"0.9\"");
        }
        return d;
    }

    public int integer(String name, int defaultValue) {
        Optional<String> v = string(name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v.get());
        } catch (NumberFormatException e) {
            throw invalid(name, v.get(), "a whole number", "\"" + defaultValue + "\"");
        }
    }

    private LibException invalid(String name, String value, String expected, String example) {
        return new LibException("algorithm \"" + algorithm + "\": parameter " + name + " is \"" + value + "\", not "
                + expected + "; fix: set it to " + expected + " such as " + example + " in " + configured);
    }

    @Override
    public String toString() {
        return algorithm + values;
    }
}
