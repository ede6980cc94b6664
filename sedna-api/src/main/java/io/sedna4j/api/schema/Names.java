package io.sedna4j.api.schema;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean" suggestions for misspelt names: fields, kinds, algorithms, references. */
public final class Names {
    private Names() {
    }

    /** The closest candidate if it is close enough to be a likely typo of {@code given}, else {@code null}. */
    public static String closest(String given, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(given.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(2, given.length() / 3) ? best : null;
    }

    /** {@code " (did you mean \"x\"?)"} or the empty string. */
    public static String didYouMean(String given, Collection<String> candidates) {
        String closest = closest(given, candidates);
        return closest == null ? "" : " (did you mean \"" + closest + "\"?)";
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
