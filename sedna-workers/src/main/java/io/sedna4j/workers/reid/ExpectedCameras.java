package io.sedna4j.workers.reid;

import io.sedna4j.lib.LibException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The cameras a ReID job waits for ({@code cameras}): a count ("2"), a comma-separated list of names
 * ("cam-1,cam-2"), or nothing (every camera that has sent something, once it has gone quiet).
 */
record ExpectedCameras(int count, Set<String> names) {
    static final ExpectedCameras ANY = new ExpectedCameras(0, Set.of());

    static ExpectedCameras parse(String text) {
        if (text == null || text.isBlank()) {
            return ANY;
        }
        String t = text.strip();
        if (t.chars().allMatch(Character::isDigit)) {
            int n;
            try {
                n = Integer.parseInt(t);
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1) {
                throw new LibException("cameras=\"" + text + "\" is not a number of cameras; fix: give 1 or more, or "
                        + "the cameras' names separated by commas");
            }
            return new ExpectedCameras(n, Set.of());
        }
        Set<String> names = new LinkedHashSet<>();
        for (String part : t.split(",")) {
            if (!part.isBlank()) {
                names.add(part.strip());
            }
        }
        return new ExpectedCameras(names.size(), Set.copyOf(names));
    }

    boolean any() {
        return count == 0;
    }

    /** Whether every expected camera is among {@code ended}. */
    boolean satisfiedBy(Collection<String> ended) {
        if (any()) {
            return false;
        }
        return names.isEmpty() ? ended.size() >= count : ended.containsAll(names);
    }

    /** The expected cameras not in {@code ended} (names), or how many are missing (count). */
    List<String> missing(Collection<String> seen, Collection<String> ended) {
        List<String> out = new ArrayList<>();
        if (!names.isEmpty()) {
            names.stream().filter(n -> !ended.contains(n)).sorted().forEach(out::add);
        } else {
            seen.stream().filter(n -> !ended.contains(n)).sorted().forEach(out::add);
            for (int i = seen.size(); i < count; i++) {
                out.add("(a camera never heard from)");
            }
        }
        return out;
    }
}
