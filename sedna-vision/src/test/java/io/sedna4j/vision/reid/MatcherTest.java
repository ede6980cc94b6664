package io.sedna4j.vision.reid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sedna4j.lib.LibException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatcherTest {
    private static final int D = 16;
    private static final float[] QUERY = unit(0);

    private static float[] unit(int axis) {
        float[] v = new float[D];
        v[axis] = 1;
        return v;
    }

    /** A unit feature whose cosine with {@link #QUERY} is {@code cos}, off towards {@code axis}. */
    private static float[] at(double cos, int axis) {
        float[] v = new float[D];
        v[0] = (float) cos;
        v[axis] = (float) Math.sqrt(1 - cos * cos);
        return v;
    }

    private static Matcher matcher() {
        return new Matcher(List.of(QUERY), new Matcher.Options(0.75, 0.05, 0.3, false));
    }

    @Test
    void theTargetTrackIsFoundThroughABadFrameAndTheOtherPersonNeverIs() {
        // track 7: the person of interest, 0.85-0.9, with one blurred frame at 0.5; track 8: someone else at 0.6-0.65
        // with one frame at 0.8 (turned, lit alike); in frames 12-14 the target is out of view and 8 is alone
        double[] target = {0.88, 0.9, 0.86, 0.89, 0.5, 0.87, 0.9, 0.88, 0.85, 0.9, 0.88, 0.87, -1, -1, -1, 0.86, 0.9};
        double[] other = {0.62, 0.6, 0.65, 0.8, 0.63, 0.61, 0.6, 0.64, 0.62, 0.6, 0.65, 0.63, 0.8, 0.64, 0.62, 0.6, 0.63};
        Matcher matcher = matcher();
        List<Integer> targetFrames = new ArrayList<>();
        for (int t = 0; t < target.length; t++) {
            List<Matcher.Candidate> people = new ArrayList<>();
            if (target[t] >= 0) {
                people.add(new Matcher.Candidate(7, at(target[t], 1)));
            }
            people.add(new Matcher.Candidate(8, at(other[t], 2)));
            for (Matcher.Match m : matcher.match("cam-1", people)) {
                if (m.target()) {
                    assertThat(m.trackId()).as("frame %d", t).isEqualTo(7);
                    targetFrames.add(t);
                }
            }
        }
        assertThat(targetFrames).hasSize(target.length - 3).contains(4); // every frame with 7 in view, the bad one too
    }

    @Test
    void aBadFrameLowersTheTrackScoreButDoesNotFlipIt() {
        Matcher matcher = matcher();
        matcher.match("cam", List.of(new Matcher.Candidate(1, at(0.9, 1))));
        Matcher.Match bad = matcher.match("cam", List.of(new Matcher.Candidate(1, at(0.5, 1)))).get(0);
        assertThat(bad.frameScore()).isCloseTo(0.5, within(1e-6));
        assertThat(bad.trackScore()).isCloseTo(0.9 + 0.3 * (0.5 - 0.9), within(1e-6));
        assertThat(bad.target()).isTrue();
        // a steady low score does switch it off, below 0.70 (the threshold less the hysteresis)
        Matcher.Match last = null;
        for (int i = 0; i < 5; i++) {
            last = matcher.match("cam", List.of(new Matcher.Candidate(1, at(0.5, 1)))).get(0);
        }
        assertThat(last.target()).isFalse();
    }

    @Test
    void ofTwoLikelyTracksOnOneCameraOnlyTheBestIsTheTargetButEachCameraHasItsOwn() {
        Matcher matcher = matcher();
        List<Matcher.Match> both = matcher.match("cam-1", List.of(new Matcher.Candidate(1, at(0.8, 1)),
                new Matcher.Candidate(2, at(0.9, 2))));
        assertThat(both).extracting(Matcher.Match::target).containsExactly(false, true);
        List<Matcher.Match> elsewhere = matcher.match("cam-2", List.of(new Matcher.Candidate(1, at(0.8, 1))));
        assertThat(elsewhere.get(0).target()).as("track 1 of another camera is another track").isTrue();
    }

    @Test
    void untrackedCandidatesAreJudgedFrameByFrameAsInSedna() {
        Matcher matcher = matcher();
        assertThat(matcher.match("cam", List.of(new Matcher.Candidate(-1, at(0.9, 1)))).get(0).target()).isTrue();
        Matcher.Match next = matcher.match("cam", List.of(new Matcher.Candidate(-1, at(0.6, 1)))).get(0);
        assertThat(next.target()).isFalse();
        assertThat(next.trackScore()).isEqualTo(next.frameScore());
    }

    @Test
    void theBestQueryCountsUnlessQueriesAreAveraged() {
        // two photos of different sides of the person; a crop like the second one
        List<float[]> queries = List.of(unit(0), unit(1));
        float[] crop = unit(1);
        Matcher best = new Matcher(queries, new Matcher.Options(0.75, 0.05, 0.3, false));
        Matcher averaged = new Matcher(queries, new Matcher.Options(0.75, 0.05, 0.3, true));
        assertThat(best.similarity(crop)).isCloseTo(1.0, within(1e-6));
        assertThat(averaged.similarity(crop)).isCloseTo(Math.sqrt(0.5), within(1e-6));
        assertThat(averaged.meanQuery()[0]).isCloseTo((float) Math.sqrt(0.5), within(1e-6f));
    }

    @Test
    void theDefaultThresholdIsTheExtractorsAndBadInputSaysWhatToGive() {
        assertThat(Matcher.Options.defaults(new AppearanceDescriptor()).matchThresh()).isEqualTo(0.75);
        assertThatThrownBy(() -> new Matcher(List.of(), Matcher.Options.defaults(new AppearanceDescriptor())))
                .isInstanceOf(LibException.class).hasMessageContaining("query_images");
        assertThatThrownBy(() -> matcher().match("cam", List.of(new Matcher.Candidate(1, new float[3]))))
                .isInstanceOf(LibException.class).hasMessageContaining("3-d").hasMessageContaining("same feature extractor");
        assertThatThrownBy(() -> new Matcher.Options(1.5, 0.05, 0.3, false))
                .isInstanceOf(LibException.class).hasMessageContaining("match_thresh is 1.5");
    }
}
