package io.sedna4j.vision.reid;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.inference.Detection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Close-contact estimation: who stood near the person of interest, and for how long.
 *
 * <p>Per frame, the distance between the target and each other person is measured between their foot points (the
 * bottom centres of their boxes, where they stand on the ground) and divided by the mean height of the two boxes in
 * pixels: a distance in body heights, which does not depend on how far from the camera the two stand (two people
 * side by side have similar heights). A person closer than {@code distanceThreshold} (1.0, about 1.7 m) is close.
 * Consecutive close frames form an episode; gaps up to {@code maxGap} (a missed detection, a frame where the target
 * was not recognised) do not end it. An episode that lasts at least {@code minDuration} is a {@link Contact}.
 *
 * <p>Sedna draws ellipses under the feet through a homography and tests whether they overlap; it has no duration.
 * The height-normalised distance needs no camera calibration either, and is a number one can threshold and report.
 * One estimator serves every camera (frames of a camera in time order); not thread-safe.
 */
public final class ContactEstimator {
    /**
     * @param distanceThreshold foot-to-foot distance in body heights under which two people are close (1.0 ≈ 1.7 m,
     *                          a little under the 2 m of distancing rules, which count from the body, not the feet)
     * @param minDuration       shortest episode that counts as a contact (1 s: passing by is not a contact)
     * @param maxGap            longest interruption that does not end an episode (1 s: five frames at Sedna's 5 fps)
     */
    public record Options(double distanceThreshold, Duration minDuration, Duration maxGap) {
        public Options {
            if (!(distanceThreshold > 0) || minDuration == null || minDuration.isNegative() || maxGap == null
                    || maxGap.isNegative()) {
                throw new LibException("contact estimator options (distance " + distanceThreshold + ", min duration "
                        + minDuration + ", max gap " + maxGap + ") are out of range; fix: give a distance > 0 in body "
                        + "heights and durations >= 0, e.g. 1.0, PT1S, PT1S");
            }
        }

        public static Options defaults() {
            return new Options(1.0, Duration.ofSeconds(1), Duration.ofSeconds(1));
        }
    }

    /** One other person in one frame: how far from the target, and whether that is close. */
    public record Proximity(int trackId, double distance, boolean close) {
    }

    private static final class Episode {
        final int targetId;
        final Duration start;
        Duration lastClose;
        double minDistance;

        Episode(int targetId, Duration start, double distance) {
            this.targetId = targetId;
            this.start = start;
            this.lastClose = start;
            this.minDistance = distance;
        }
    }

    private static final class Camera {
        final Map<Integer, Episode> open = new HashMap<>();
        Duration last;
        Duration step = Duration.ZERO;
    }

    private final Options options;
    private final Map<String, Camera> cameras = new HashMap<>();
    private final List<Contact> contacts = new ArrayList<>();

    public ContactEstimator() {
        this(Options.defaults());
    }

    public ContactEstimator(Options options) {
        this.options = options;
    }

    /**
     * Takes one frame of {@code camera} at {@code time}: the people by track id, and the target's track id among them
     * (negative when the target is not in this frame). Returns each other person's distance to the target (empty
     * without a target).
     */
    public List<Proximity> update(String camera, Duration time, int targetId, Map<Integer, Detection> people) {
        Camera cam = cameras.computeIfAbsent(camera, c -> new Camera());
        if (cam.last != null) {
            if (time.compareTo(cam.last) < 0) {
                throw new LibException("frame at " + time + " of camera " + camera + " comes after one at " + cam.last
                        + "; fix: give each camera's frames in time order");
            }
            if (time.compareTo(cam.last) > 0) {
                cam.step = time.minus(cam.last);
            }
        }
        cam.last = time;
        List<Proximity> out = new ArrayList<>();
        Detection target = targetId >= 0 ? people.get(targetId) : null;
        if (target != null) {
            for (Map.Entry<Integer, Detection> e : people.entrySet()) {
                if (e.getKey() == targetId) {
                    continue;
                }
                double d = distance(target, e.getValue());
                boolean close = d < options.distanceThreshold();
                out.add(new Proximity(e.getKey(), d, close));
                if (close) {
                    Episode ep = cam.open.get(e.getKey());
                    if (ep == null) {
                        cam.open.put(e.getKey(), new Episode(targetId, time, d));
                    } else {
                        ep.lastClose = time;
                        ep.minDistance = Math.min(ep.minDistance, d);
                    }
                }
            }
            out.sort(Comparator.comparingDouble(Proximity::distance));
        }
        for (Iterator<Map.Entry<Integer, Episode>> it = cam.open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Integer, Episode> e = it.next();
            if (time.minus(e.getValue().lastClose).compareTo(options.maxGap()) > 0) {
                close(camera, cam, e.getKey(), e.getValue());
                it.remove();
            }
        }
        return out;
    }

    /** The contacts that have ended so far, in the order they ended. */
    public List<Contact> contacts() {
        return List.copyOf(contacts);
    }

    /** Ends every open episode (the videos are over) and returns all contacts, by camera and start. */
    public List<Contact> finish() {
        for (Map.Entry<String, Camera> c : cameras.entrySet()) {
            c.getValue().open.forEach((other, episode) -> close(c.getKey(), c.getValue(), other, episode));
            c.getValue().open.clear();
        }
        contacts.sort(Comparator.comparing(Contact::camera).thenComparing(Contact::start));
        return contacts();
    }

    /** Foot-to-foot distance of two people in body heights (the mean height of the two boxes). */
    public static double distance(Detection a, Detection b) {
        double dx = (a.x1() + a.x2()) / 2.0 - (b.x1() + b.x2()) / 2.0;
        double dy = a.y2() - b.y2();
        double height = (a.height() + b.height()) / 2.0;
        return height > 0 ? Math.sqrt(dx * dx + dy * dy) / height : Double.POSITIVE_INFINITY;
    }

    private void close(String camera, Camera cam, int other, Episode ep) {
        Duration end = ep.lastClose.plus(cam.step);
        if (end.minus(ep.start).compareTo(options.minDuration()) >= 0) {
            contacts.add(new Contact(camera, ep.targetId, other, ep.start, end, ep.minDistance));
        }
    }
}
