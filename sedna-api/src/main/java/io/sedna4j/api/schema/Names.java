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
            // of equally close names, one as long as the given one is likelier ("=>" is ">=" swapped, not ">")
            boolean closer = d < bestDistance || d == bestDistance
                    && Math.abs(candidate.length() - given.length()) < Math.abs(best.length() - given.length());
            if (closer) {
                best = candidate;
                bestDistance = d;
            }
        }
        // short words are close to too much: allow one edit up to four letters, then one in three
        int allowed = given.length() <= 4 ? 1 : Math.max(2, given.length() / 3);
        return best != null && bestDistance <= allowed ? best : null;
    }

    /** {@code " (did you mean \"x\"?)"} or the empty string. */
    public static String didYouMean(String given, Collection<String> candidates) {
        String closest = closest(given, candidates);
        return closest == null ? "" : " (did you mean \"" + closest + "\"?)";
    }

    /** Edits from one to the other: insertions, deletions, substitutions and swaps of neighbours. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
