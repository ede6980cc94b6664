package io.sedna4j.vision.reid;

import io.sedna4j.lib.LibException;
import io.sedna4j.vision.Image;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Finds the person of the query images among tracked people: Sedna's ReID matching with memory per track.
 *
 * <p><b>Frame score.</b> The cosine similarity of a candidate's feature with the queries: the best over the query
 * images, as Sedna's {@code match_query_to_targets} (several photos may show different sides of the person; their mean
 * would match none of them well), or with {@code averageQueries} the similarity with their normalised mean (Sedna's
 * {@code avg_mode}).
 *
 * <p><b>{@code match_thresh}.</b> As in Sedna, the least cosine similarity of a match. Sedna's worker defaults to 0.75
 * for its M3L features (the example's {@code match_thresh: "0.35"} never reaches the code, whose variable is
 * {@code match_threshold}); the similarity scale depends on the features, so the default here is the extractor's
 * {@link FeatureExtractor#matchThreshold()}.
 *
 * <p><b>Per track.</b> Sedna decides every frame afresh, so one blurred crop flips the identity. Here a track's score
 * is an exponential moving average of its frame scores ({@code smoothing}: the weight of the newest frame), and
 * decisions have hysteresis: a track becomes the target when its average reaches {@code match_thresh} and stays it
 * until the average drops below {@code match_thresh - hysteresis}. On each camera at most one track is the target
 * in a frame: of tracks over the line, the best; the others are switched off and must qualify again on their own. A
 * candidate without a track id (negative) is judged on its frame score alone.
 *
 * <p>One matcher serves every camera (keep its calls for one camera in frame order); not thread-safe.
 */
public final class Matcher {
    /** A track not seen for this many frames of its camera is forgotten (ids are not reused: memory only). */
    static final int FORGET_AFTER_FRAMES = 1000;

    /**
     * @param matchThresh    least average cosine similarity at which a track becomes the target
     * @param hysteresis     how far below {@code matchThresh} the average may fall before the track stops being
     *                       the target (0.05: a third of the gap between the sample's two people)
     * @param smoothing      weight of the newest frame in a track's moving average, in (0, 1] (0.3: a single frame
     *                       of the other person's score, 0.25 lower, moves the average by 0.08, less than the distance
     *                       to the line from a steady match; 1 = no memory, as Sedna)
     * @param averageQueries match against the mean of the query features instead of the best single query
     */
    public record Options(double matchThresh, double hysteresis, double smoothing, boolean averageQueries) {
        public Options {
            if (!(matchThresh > -1 && matchThresh < 1)) {
                throw new LibException("match_thresh is " + matchThresh + "; fix: give a cosine similarity between -1 "
                        + "and 1, e.g. 0.75");
            }
            if (!(hysteresis >= 0 && hysteresis < 1) || !(smoothing > 0 && smoothing <= 1)) {
                throw new LibException("matcher hysteresis " + hysteresis + " or smoothing " + smoothing + " is out of "
                        + "range; fix: give a hysteresis in [0, 1) and a smoothing in (0, 1], e.g. 0.05 and 0.3");
            }
        }

        /** The defaults with the extractor's threshold. */
        public static Options defaults(FeatureExtractor extractor) {
            return new Options(extractor.matchThreshold(), 0.05, 0.3, false);
        }

        public Options withMatchThresh(double threshold) {
            return new Options(threshold, hysteresis, smoothing, averageQueries);
        }

        public Options withSmoothing(double weight) {
            return new Options(matchThresh, hysteresis, weight, averageQueries);
        }
    }

    /** A person in one frame: their track id (negative when untracked) and appearance feature. */
    public record Candidate(int trackId, float[] feature) {
    }

    /**
     * The verdict on one candidate.
     *
     * @param frameScore similarity of this frame's crop with the queries
     * @param trackScore the track's moving average (the frame score for an untracked candidate)
     * @param target     whether this candidate is the queried person in this frame
     */
    public record Match(int trackId, double frameScore, double trackScore, boolean target) {
    }

    private static final class TrackMemory {
        double average;
        boolean on;
        long lastSeen;
    }

    private static final class Camera {
        final Map<Integer, TrackMemory> tracks = new HashMap<>();
        long frame;
    }

    private final List<float[]> queries;
    private final float[] mean;
    private final Options options;
    private final Map<String, Camera> cameras = new HashMap<>();

    /** A matcher for the person the query features show. */
    public Matcher(List<float[]> queryFeatures, Options options) {
        if (queryFeatures.isEmpty()) {
            throw new LibException("no query features to match against; fix: give at least one query image of the "
                    + "person to find (query_images)");
        }
        this.queries = queryFeatures.stream().map(float[]::clone).toList();
        this.mean = Features.mean(queries);
        this.options = options;
    }

    /** Extracts the query features from crops of the person to find. */
    public static Matcher fromImages(FeatureExtractor extractor, List<Image> queryImages, Options options) {
        return new Matcher(extractor.extractAll(queryImages), options);
    }

    public Options options() {
        return options;
    }

    /** The query features, one per query image. */
    public List<float[]> queries() {
        return queries.stream().map(float[]::clone).toList();
    }

    /** The normalised mean of the query features. */
    public float[] meanQuery() {
        return mean.clone();
    }

    /** The frame score of one feature (see the class comment): no memory, no decision. */
    public double similarity(float[] feature) {
        if (options.averageQueries()) {
            return Features.cosine(mean, feature);
        }
        double best = -1;
        for (float[] q : queries) {
            best = Math.max(best, Features.cosine(q, feature));
        }
        return best;
    }

    /** Judges the people of one frame of {@code camera}; returns one match per candidate, in order. */
    public List<Match> match(String camera, List<Candidate> candidates) {
        Camera cam = cameras.computeIfAbsent(camera, c -> new Camera());
        cam.frame++;
        List<Match> out = new ArrayList<>(candidates.size());
        int best = -1;
        for (Candidate c : candidates) {
            double score = similarity(c.feature());
            double average = score;
            boolean on = score >= options.matchThresh();
            if (c.trackId() >= 0) {
                TrackMemory m = cam.tracks.get(c.trackId());
                if (m == null) {
                    m = new TrackMemory();
                    m.average = score;
                    cam.tracks.put(c.trackId(), m);
                } else {
                    m.average += options.smoothing() * (score - m.average);
                }
                m.lastSeen = cam.frame;
                m.on = m.on ? m.average >= options.matchThresh() - options.hysteresis() : m.average >= options.matchThresh();
                average = m.average;
                on = m.on;
            }
            out.add(new Match(c.trackId(), score, average, on));
            if (on && (best < 0 || average > out.get(best).trackScore())) {
                best = out.size() - 1;
            }
        }
        for (int i = 0; i < out.size(); i++) {
            Match m = out.get(i);
            if (m.target() && i != best) {
                out.set(i, new Match(m.trackId(), m.frameScore(), m.trackScore(), false));
                TrackMemory memory = cam.tracks.get(m.trackId());
                if (memory != null) {
                    memory.on = false; // the runner-up must qualify again on its own
                }
            }
        }
        forgetStale(cam);
        return out;
    }

    private static void forgetStale(Camera cam) {
        for (Iterator<TrackMemory> it = cam.tracks.values().iterator(); it.hasNext(); ) {
            if (cam.frame - it.next().lastSeen > FORGET_AFTER_FRAMES) {
                it.remove();
            }
        }
    }
}
