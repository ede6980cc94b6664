package io.sedna4j.vision.tracking;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.inference.Detection;
import io.sedna4j.vision.Nms;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Multi-object tracking by ByteTrack (Zhang et al., 2022), the tracker of Sedna's pedestrian-tracking example: a
 * {@link KalmanFilter} per track and two-stage association by box overlap, so that a person whose detection score
 * drops (occluded, blurred) keeps their track instead of being dropped as background.
 *
 * <p>Per frame: detections above {@code track_thresh} are matched to tracked and lost tracks (IoU distance, fused
 * with the score unless {@code fuseScore} is off; limit {@code match_thresh}); detections between 0.1 and
 * {@code track_thresh} are then matched to the tracked tracks still unmatched (limit 0.5); tracks still unmatched
 * become lost, and are removed after the track buffer. Tracks started in the previous frame are confirmed by a
 * match (limit 0.7) or dropped; unmatched detections scoring at least {@code track_thresh + 0.1} start new tracks.
 * Matching is optimal ({@link LinearAssignment}).
 *
 * <p>Unlike ByteTrack, ids are given on confirmation, not on creation: a one-frame false detection uses up no id, so
 * ids count the objects seen (1, 2, 3, …). One tracker per camera; not thread-safe.
 */
public final class ByteTracker {
    /** Detections at or below this score are ignored (ByteTrack's fixed 0.1). */
    static final float LOW_THRESH = 0.1f;
    /** IoU-distance limits of the second association and of the confirmation step (ByteTrack's fixed values). */
    static final double SECOND_MATCH_THRESH = 0.5;
    static final double UNCONFIRMED_MATCH_THRESH = 0.7;
    /** Tracked and lost tracks overlapping this much (IoU distance below 0.15) are one object twice. */
    static final double DUPLICATE_DISTANCE = 0.15;

    /**
     * @param trackThresh    {@code track_thresh}: detections above it are "high" (first association); new tracks need
     *                       {@link #newTrackThresh()} = track_thresh + 0.1. ByteTrack and Sedna: 0.5, for detectors
     *                       whose scores are probabilities; HOG's run lower (see {@link #forHog()})
     * @param matchThresh    {@code match_thresh}: the largest fused IoU distance (1 - IoU·score) of a first-stage
     *                       match. 0.8
     * @param trackBuffer    {@code track_buffer}: frames a lost track is kept at 30 fps; scaled by {@code fps / 30}.
     *                       ByteTrack's 30 (Sedna's worker sets 100 through its environment)
     * @param frameRate      {@code fps}: the rate frames arrive at, after sampling. 30
     * @param minBoxArea     {@code min_box_area}: smaller tracks are tracked but not reported. Sedna's 200 px²
     * @param maxAspectRatio tracks wider than this times their height are tracked but not reported (not
     *                       pedestrian-shaped). ByteTrack's 1.6
     * @param fuseScore      multiply IoU by the detection score in the first association (ByteTrack off MOT20: true)
     */
    public record Options(float trackThresh, float matchThresh, int trackBuffer, double frameRate, float minBoxArea,
                          float maxAspectRatio, boolean fuseScore) {
        public Options {
            check(trackThresh > LOW_THRESH && trackThresh < 1, "track_thresh", trackThresh, "a number between 0.1 and 1, e.g. 0.5");
            check(matchThresh > 0 && matchThresh <= 1, "match_thresh", matchThresh, "a number in (0, 1], e.g. 0.8");
            check(trackBuffer >= 1, "track_buffer", trackBuffer, "a whole number of frames >= 1, e.g. 30");
            check(frameRate > 0 && Double.isFinite(frameRate), "fps", frameRate, "a frame rate > 0, e.g. 5");
            check(minBoxArea >= 0, "min_box_area", minBoxArea, "an area in px² >= 0, e.g. 200");
            check(maxAspectRatio > 0, "aspect_ratio_thresh", maxAspectRatio, "a width/height ratio > 0, e.g. 1.6");
        }

        public static Options defaults() {
            return new Options(0.5f, 0.8f, 30, 30, 200, 1.6f, true);
        }

        /**
         * For OpenCV's HOG detector, whose scores ({@code 1 - e^-w} of the SVM margin) are not probabilities and run
         * low: on the sample video a clearly visible person scores 0.23–0.69 frame after frame. With the defaults such
         * a person starts no track (0.6 needed) and, since the fused cost {@code 1 - IoU·score} of a 0.3 box exceeds
         * every limit, is not matched either. So: {@code track_thresh} 0.25 (new tracks from 0.35) and plain IoU.
         */
        public static Options forHog() {
            return defaults().withTrackThresh(0.25f).withFuseScore(false);
        }

        /**
         * Options from Sedna's worker parameters ({@code track_thresh}, {@code match_thresh}, {@code track_buffer},
         * {@code fps}, {@code min_box_area}); absent or blank keys keep their default.
         */
        public static Options fromParameters(Map<String, String> parameters) {
            Options d = defaults();
            return new Options(
                    (float) number(parameters, "track_thresh", d.trackThresh),
                    (float) number(parameters, "match_thresh", d.matchThresh),
                    (int) Math.round(number(parameters, "track_buffer", d.trackBuffer)),
                    number(parameters, "fps", d.frameRate),
                    (float) number(parameters, "min_box_area", d.minBoxArea),
                    d.maxAspectRatio, d.fuseScore);
        }

        /** The least score that starts a track: {@code track_thresh + 0.1}, as in ByteTrack. */
        public float newTrackThresh() {
            return trackThresh + 0.1f;
        }

        /** Frames a lost track is kept: {@code int(fps / 30 · track_buffer)}, at least 1. */
        public int maxTimeLost() {
            return Math.max(1, (int) (frameRate / 30.0 * trackBuffer));
        }

        public Options withTrackThresh(float value) {
            return new Options(value, matchThresh, trackBuffer, frameRate, minBoxArea, maxAspectRatio, fuseScore);
        }

        public Options withTrackBuffer(int frames) {
            return new Options(trackThresh, matchThresh, frames, frameRate, minBoxArea, maxAspectRatio, fuseScore);
        }

        public Options withFrameRate(double fps) {
            return new Options(trackThresh, matchThresh, trackBuffer, fps, minBoxArea, maxAspectRatio, fuseScore);
        }

        public Options withFuseScore(boolean fuse) {
            return new Options(trackThresh, matchThresh, trackBuffer, frameRate, minBoxArea, maxAspectRatio, fuse);
        }

        private static void check(boolean ok, String key, Object value, String expected) {
            if (!ok) {
                throw new LibException("tracker parameter " + key + " is " + value + "; fix: give " + expected);
            }
        }

        private static double number(Map<String, String> parameters, String key, double fallback) {
            String text = parameters.get(key);
            if (text == null || text.isBlank()) {
                return fallback;
            }
            try {
                return Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                throw new LibException("tracker parameter " + key + " is '" + text + "', not a number; fix: give a number"
                        + " such as " + fallback);
            }
        }
    }

    private final Options options;
    private final List<Tracklet> tracked = new ArrayList<>(); // TRACKED and NEW (unconfirmed)
    private final List<Tracklet> lost = new ArrayList<>();
    private int frame;
    private int nextId = 1;

    public ByteTracker() {
        this(Options.defaults());
    }

    public ByteTracker(Options options) {
        this.options = options;
    }

    public Options options() {
        return options;
    }

    /** Frames seen so far. */
    public int frame() {
        return frame;
    }

    /**
     * Tracks one frame's detections (any order, in the frame's pixels); returns the confirmed tracks matched in this
     * frame that pass the output filter, by id.
     */
    public List<Track> update(List<Detection> detections) {
        frame++;
        List<Detection> high = new ArrayList<>();
        List<Detection> low = new ArrayList<>();
        for (Detection d : detections) {
            KalmanFilter.measurement(d); // rejects empty boxes with a message before they reach a filter
            if (d.score() > options.trackThresh()) {
                high.add(d);
            } else if (d.score() > LOW_THRESH) {
                low.add(d);
            }
        }
        List<Tracklet> unconfirmed = new ArrayList<>();
        List<Tracklet> pool = new ArrayList<>();
        for (Tracklet t : tracked) {
            (t.activated ? pool : unconfirmed).add(t);
        }
        pool.addAll(lost);
        pool.forEach(Tracklet::predict);

        // 1: high detections against tracked and lost tracks
        LinearAssignment.Result first = LinearAssignment.solve(cost(pool, high, options.fuseScore()), high.size(),
                options.matchThresh());
        for (int[] m : first.matches()) {
            pool.get(m[0]).update(high.get(m[1]), frame);
        }
        // 2: low detections against tracks that were tracked and are still unmatched; a lost track is not revived
        // by a low detection, which is more often background than a returning object
        List<Tracklet> stillTracked = new ArrayList<>();
        for (int r : first.unmatchedRows()) {
            if (pool.get(r).state == TrackState.TRACKED) {
                stillTracked.add(pool.get(r));
            }
        }
        LinearAssignment.Result second = LinearAssignment.solve(cost(stillTracked, low, false), low.size(),
                SECOND_MATCH_THRESH);
        for (int[] m : second.matches()) {
            stillTracked.get(m[0]).update(low.get(m[1]), frame);
        }
        for (int r : second.unmatchedRows()) {
            stillTracked.get(r).state = TrackState.LOST;
        }
        // 3: last frame's new tracks against the high detections left; confirmed or dropped
        List<Detection> leftHigh = new ArrayList<>();
        for (int c : first.unmatchedColumns()) {
            leftHigh.add(high.get(c));
        }
        LinearAssignment.Result third = LinearAssignment.solve(cost(unconfirmed, leftHigh, options.fuseScore()),
                leftHigh.size(), UNCONFIRMED_MATCH_THRESH);
        for (int[] m : third.matches()) {
            Tracklet t = unconfirmed.get(m[0]);
            t.update(leftHigh.get(m[1]), frame);
            t.id = nextId++;
        }
        for (int r : third.unmatchedRows()) {
            unconfirmed.get(r).state = TrackState.REMOVED;
        }
        // 4: new tracks; on the first frame they are confirmed at once (there was nothing to confirm them against)
        for (int c : third.unmatchedColumns()) {
            Detection d = leftHigh.get(c);
            if (d.score() >= options.newTrackThresh()) {
                Tracklet t = new Tracklet(d, frame);
                if (frame == 1) {
                    t.state = TrackState.TRACKED;
                    t.activated = true;
                    t.id = nextId++;
                }
                tracked.add(t);
            }
        }
        sweep();
        List<Track> out = new ArrayList<>();
        for (Tracklet t : tracked) {
            if (t.activated && t.lastFrame == frame && reportable(t.box())) {
                out.add(t.snapshot(frame));
            }
        }
        out.sort(Comparator.comparingInt(Track::id));
        return out;
    }

    /** Tracks lost and still kept in the buffer (their predicted boxes), by id. */
    public List<Track> lost() {
        return lost.stream().map(t -> t.snapshot(frame)).sorted(Comparator.comparingInt(Track::id)).toList();
    }

    /** Moves tracks between the lists after a frame: lost ones out of tracked, expired and duplicate ones out. */
    private void sweep() {
        List<Tracklet> all = new ArrayList<>(tracked);
        all.addAll(lost);
        tracked.clear();
        lost.clear();
        for (Tracklet t : all) {
            if (t.state == TrackState.LOST && frame - t.lastFrame > options.maxTimeLost()) {
                t.state = TrackState.REMOVED;
            }
            switch (t.state) {
                case TRACKED, NEW -> tracked.add(t);
                case LOST -> lost.add(t);
                case REMOVED -> { }
            }
        }
        // a lost track and a tracked one on the same spot are one object: keep the one that has lived longer
        for (Tracklet a : List.copyOf(tracked)) {
            for (Tracklet b : List.copyOf(lost)) {
                if (1 - Nms.iou(a.box(), b.box()) < DUPLICATE_DISTANCE) {
                    if (frame - a.startFrame > frame - b.startFrame) {
                        lost.remove(b);
                    } else {
                        tracked.remove(a);
                        break;
                    }
                }
            }
        }
    }

    private boolean reportable(Detection box) {
        return box.width() * box.height() > options.minBoxArea() && box.width() <= options.maxAspectRatio() * box.height();
    }

    /** IoU distance (1 - IoU), or with {@code fuse} 1 - IoU·score. */
    private static double[][] cost(List<Tracklet> tracks, List<Detection> detections, boolean fuse) {
        double[][] cost = new double[tracks.size()][detections.size()];
        for (int i = 0; i < tracks.size(); i++) {
            Detection box = tracks.get(i).box();
            for (int j = 0; j < detections.size(); j++) {
                Detection d = detections.get(j);
                double iou = Nms.iou(box, d);
                cost[i][j] = 1 - (fuse ? iou * d.score() : iou);
            }
        }
        return cost;
    }
}
