package io.sedna4j.vision.reid;

import static org.assertj.core.api.Assertions.assertThat;

import io.sedna4j.lib.inference.Detection;
import io.sedna4j.vision.Frame;
import io.sedna4j.vision.Image;
import io.sedna4j.vision.PersonDetector;
import io.sedna4j.vision.VideoSource;
import io.sedna4j.vision.tracking.ByteTracker;
import io.sedna4j.vision.tracking.Track;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detection, tracking, appearance features, matching and contact estimation together on the sample video, sampled at
 * 5 fps as Sedna's example does (50 frames; HOG, so it takes some seconds). A test of outcomes, not a benchmark.
 *
 * <p>Who is who: the two people stand side by side the whole video, the query person (denim jacket) on the right.
 * HOG's boxes put the query person's centre at x = 364–394 px and the other's at 272–288 px in every frame, so a box
 * centred right of x = 330 is the query person's.
 */
class SampleVideoReidTest {
    private static final Logger LOG = LoggerFactory.getLogger(SampleVideoReidTest.class);
    private static final float SPLIT_X = 330;

    private static boolean isQueryPerson(Detection box) {
        return (box.x1() + box.x2()) / 2 > SPLIT_X;
    }

    /** A standing person's box in this 1280 px tall video (HOG also fires, weakly, on a large stretch of fence). */
    private static boolean personSized(Detection box) {
        return box.height() > 250 && box.height() < 500;
    }

    @Test
    void findsTheQueryPersonInEveryFrameNeverTheOtherAndReportsTheirContact() {
        AppearanceDescriptor descriptor = new AppearanceDescriptor();
        List<Image> queries = ReidSample.queries();
        Matcher matcher = Matcher.fromImages(descriptor, queries, Matcher.Options.defaults(descriptor));
        queries.forEach(Image::close);
        ByteTracker tracker = new ByteTracker(ByteTracker.Options.forHog().withFrameRate(5));
        ContactEstimator contacts = new ContactEstimator();

        int frames = 0;
        int queryPersonDetected = 0;
        int found = 0;
        int otherLabelled = 0;
        double worstTargetScore = 1;
        double bestOtherScore = -1;
        Map<Boolean, List<Integer>> idsOf = Map.of(true, new ArrayList<>(), false, new ArrayList<>());
        try (PersonDetector hog = PersonDetector.create("hog", null);
             VideoSource video = VideoSource.open(ReidSample.video().toString(), 5)) {
            for (Frame frame : video) {
                try (frame) {
                    frames++;
                    List<Detection> people = hog.detect(frame.image());
                    if (people.stream().anyMatch(d -> isQueryPerson(d) && personSized(d))) {
                        queryPersonDetected++;
                    }
                    List<Track> tracks = tracker.update(people);
                    List<Matcher.Candidate> candidates = new ArrayList<>();
                    Map<Integer, Detection> boxes = new HashMap<>();
                    for (Track t : tracks) {
                        try (Image crop = frame.image().crop(t.box())) {
                            candidates.add(new Matcher.Candidate(t.id(), descriptor.extract(crop)));
                        }
                        boxes.put(t.id(), t.box());
                        idsOf.get(isQueryPerson(t.box())).add(t.id());
                    }
                    List<Matcher.Match> matches = matcher.match("sample", candidates);
                    int target = -1;
                    for (int i = 0; i < tracks.size(); i++) {
                        boolean queryPerson = isQueryPerson(tracks.get(i).box());
                        Matcher.Match m = matches.get(i);
                        if (queryPerson) {
                            worstTargetScore = Math.min(worstTargetScore, m.trackScore());
                        } else {
                            bestOtherScore = Math.max(bestOtherScore, m.trackScore());
                        }
                        if (m.target()) {
                            target = m.trackId();
                            found += queryPerson ? 1 : 0;
                            otherLabelled += queryPerson ? 0 : 1;
                        }
                    }
                    contacts.update("sample", frame.timestamp(), target, boxes);
                }
            }
        }
        List<Contact> all = contacts.finish();
        int querySwitches = switches(idsOf.get(true));
        int otherSwitches = switches(idsOf.get(false));
        LOG.info("Sample video at 5 fps: {} frames; query person detected in {}, found as the target in {}; other person "
                        + "labelled the target in {}; track ids {} (query person, {} switches) and {} (other, {} switches); "
                        + "track scores: query person >= {}, other <= {}; contacts {}", frames, queryPersonDetected, found,
                otherLabelled, new LinkedHashSet<>(idsOf.get(true)), querySwitches, new LinkedHashSet<>(idsOf.get(false)),
                otherSwitches, String.format("%.3f", worstTargetScore), String.format("%.3f", bestOtherScore), all);

        // measured: 50 frames, query person detected and found in all 50, the other never; ids 1 and 2, no switch;
        // track scores >= 0.89 and <= 0.69 around the 0.75 line; one contact from 0.4 s to the end, 0.25 heights apart
        assertThat(frames).isBetween(48, 52);
        assertThat(found).isGreaterThanOrEqualTo((int) Math.ceil(0.95 * queryPersonDetected));
        assertThat(otherLabelled).isZero();
        assertThat(querySwitches).isLessThanOrEqualTo(1);
        assertThat(otherSwitches).isLessThanOrEqualTo(1);
        assertThat(worstTargetScore).isGreaterThan(matcher.options().matchThresh() + 0.05);
        assertThat(bestOtherScore).isLessThan(matcher.options().matchThresh() - 0.03);
        assertThat(all).singleElement().satisfies(c -> {
            assertThat(idsOf.get(true)).contains(c.targetTrackId());
            assertThat(idsOf.get(false)).contains(c.otherTrackId());
            assertThat(c.duration().toMillis()).isGreaterThan(8000);
            assertThat(c.minDistance()).isLessThan(0.5);
        });
    }

    private static int switches(List<Integer> ids) {
        int n = 0;
        for (int i = 1; i < ids.size(); i++) {
            n += ids.get(i).equals(ids.get(i - 1)) ? 0 : 1;
        }
        return n;
    }
}
