package io.sedna4j.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sedna4j.api.Problem.Severity;
import java.util.List;
import java.util.stream.Collectors;

/** Asserts the exact list of problems of a manifest: severity, line, field path and a phrase of each message. */
public final class ProblemAssertions {
    private ProblemAssertions() {
    }

    /** One problem as a test expects it; {@code phrase} is part of its message. */
    public record Expected(Severity severity, int line, String path, String phrase) {
        boolean matches(Problem p) {
            return p.severity() == severity && p.line() == line && p.path().equals(path)
                    && p.message().contains(phrase);
        }

        @Override
        public String toString() {
            return severity.name().toLowerCase() + " on line " + line + " at " + (path.isEmpty() ? "(document)" : path)
                    + ": …" + phrase + "…";
        }
    }

    public static Expected error(int line, String path, String phrase) {
        return new Expected(Severity.ERROR, line, path, phrase);
    }

    public static Expected warning(int line, String path, String phrase) {
        return new Expected(Severity.WARNING, line, path, phrase);
    }

    /** The manifest's problems are these, in this order, and no others. */
    public static void assertProblems(Manifest manifest, Expected... expected) {
        List<Problem> actual = manifest.problems();
        String all = format(actual);
        assertThat(actual).as("problems of %s:%n%s", manifest.file(), all).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(expected[i].matches(actual.get(i)))
                    .as("problem %d of %s: expected %s, got%n%s%nall problems:%n%s", i + 1, manifest.file(),
                            expected[i], actual.get(i).format(), all)
                    .isTrue();
        }
    }

    /** The one problem of a manifest, whose message is a single line. */
    public static Problem onlyProblem(Manifest manifest) {
        assertThat(manifest.problems()).as("problems of %s:%n%s", manifest.file(), format(manifest.problems()))
                .hasSize(1);
        Problem p = manifest.problems().get(0);
        assertThat(p.message()).as("message of %s", p.format()).doesNotContain("\n").isNotBlank();
        assertThat(manifest.entries()).isEmpty();
        return p;
    }

    public static String format(List<Problem> problems) {
        return problems.stream().map(Problem::format).collect(Collectors.joining(System.lineSeparator()));
    }
}
