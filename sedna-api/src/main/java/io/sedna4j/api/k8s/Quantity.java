package io.sedna4j.api.k8s;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes resource quantity such as {@code 64Mi}, {@code 100m} or {@code 2}. It is written back in the form it
 * was read (a YAML number stays a number), so round trips are exact.
 */
public final class Quantity {
    /** Kubernetes' quantity grammar: a decimal number and a binary-SI, decimal-SI or exponent suffix. */
    public static final Pattern PATTERN =
            Pattern.compile("([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\\d+)?");
    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("Ki", BigDecimal.valueOf(1L << 10)), Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
            Map.entry("Gi", BigDecimal.valueOf(1L << 30)), Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
            Map.entry("Pi", BigDecimal.valueOf(1L << 50)), Map.entry("Ei", BigDecimal.valueOf(1L << 60)),
            Map.entry("n", new BigDecimal("1e-9")), Map.entry("u", new BigDecimal("1e-6")),
            Map.entry("m", new BigDecimal("1e-3")), Map.entry("k", new BigDecimal("1e3")),
            Map.entry("M", new BigDecimal("1e6")), Map.entry("G", new BigDecimal("1e9")),
            Map.entry("T", new BigDecimal("1e12")), Map.entry("P", new BigDecimal("1e15")),
            Map.entry("E", new BigDecimal("1e18")));

    private final String text;
    private final Number number;

    private Quantity(String text, Number number) {
        this.text = text;
        this.number = number;
    }

    @JsonCreator
    public static Quantity of(String text) {
        return new Quantity(text, null);
    }

    @JsonCreator
    public static Quantity of(Number number) {
        return new Quantity(number.toString(), number);
    }

    /** The value in base units: cores for CPU, bytes for memory. */
    public BigDecimal value() {
        Matcher m = PATTERN.matcher(text);
        if (!m.matches()) {
            throw new IllegalStateException("not a quantity: " + text);
        }
        BigDecimal base = new BigDecimal(m.group(1));
        String suffix = m.group(2);
        if (suffix == null) {
            return base;
        }
        BigDecimal factor = SUFFIXES.get(suffix);
        return factor != null ? base.multiply(factor) : base.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
    }

    @JsonValue
    Object json() {
        return number != null ? number : text;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Quantity q && q.text.equals(text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text);
    }
}
