package io.sedna4j.gm.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Kubernetes' equality-based selectors: {@code labelSelector=a=b,c!=d,e,!f} and
 * {@code fieldSelector=metadata.name=x,metadata.namespace!=y} (kubectl uses the latter to wait for a deletion).
 */
final class Selectors {
    private Selectors() {
    }

    /** A test on an object's JSON from the request's {@code labelSelector} and {@code fieldSelector}. */
    static Predicate<JsonNode> of(String labelSelector, String fieldSelector) {
        Predicate<JsonNode> p = o -> true;
        for (String term : terms(labelSelector)) {
            p = p.and(term(term, "label", (o, key) -> {
                JsonNode v = o.path("metadata").path("labels").get(key);
                return v == null ? null : v.asText();
            }));
        }
        for (String term : terms(fieldSelector)) {
            p = p.and(term(term, "field", (o, key) -> {
                JsonNode v = o.at("/" + key.replace('.', '/'));
                return v.isMissingNode() || v.isNull() ? "" : v.asText();
            }));
        }
        return p;
    }

    static boolean isEmpty(String labelSelector, String fieldSelector) {
        return terms(labelSelector).isEmpty() && terms(fieldSelector).isEmpty();
    }

    private interface Lookup {
        String value(JsonNode object, String key);
    }

    private static Predicate<JsonNode> term(String term, String what, Lookup lookup) {
        int ne = term.indexOf("!=");
        int eq = term.indexOf('=');
        if (ne > 0) {
            String key = term.substring(0, ne).trim();
            String value = term.substring(ne + 2).trim();
            return o -> !value.equals(lookup.value(o, key));
        }
        if (eq > 0) {
            String key = term.substring(0, eq).trim();
            String value = term.substring(term.startsWith("==", eq) ? eq + 2 : eq + 1).trim();
            return o -> value.equals(lookup.value(o, key));
        }
        if (term.contains(" in ") || term.contains(" notin ") || term.contains("(")) {
            throw ApiError.badRequest("the " + what + " selector \"" + term + "\" uses set operators, which the GM "
                    + "does not support; fix: use key=value, key!=value, key or !key");
        }
        if (what.equals("label")) {
            if (term.startsWith("!")) {
                String key = term.substring(1).trim();
                return o -> lookup.value(o, key) == null;
            }
            return o -> lookup.value(o, term.trim()) != null;
        }
        throw ApiError.badRequest("the field selector \"" + term + "\" is not key=value; fix: e.g. metadata.name=my-job");
    }

    private static List<String> terms(String selector) {
        List<String> terms = new ArrayList<>();
        if (selector != null) {
            for (String t : selector.split(",")) {
                if (!t.isBlank()) {
                    terms.add(t.trim());
                }
            }
        }
        return terms;
    }
}
