package io.sedna4j.vision.tracking;

import io.sedna4j.lib.inference.Detection;
import io.sedna4j.vision.Nms;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Synthetic objects with known identities moving through frames: the detections of each frame, and after tracking,
 * which track id each object got in every frame and how often that id changed.
 */
final class Scene {
    /** Where an object is in frame {@code t} (from 0), or null when it is not detected then. */
    interface Path {
        Detection at(int t);
    }

    private final List<Path> objects = new ArrayList<>();
    /** Per object, the track id it had in each frame (0: not reported). */
    private final Map<Integer, List<Integer>> ids = new HashMap<>();

    Scene add(Path path) {
        objects.add(path);
        return this;
    }

    static Detection box(double x, double y, double w, double h, double score) {
        return new Detection((float) x, (float) y, (float) (x + w), (float) (y + h), (float) score, 0);
    }

    /** An object moving at constant velocity, detected from frame {@code from} to {@code to} (inclusive). */
    static Path moving(double x, double y, double vx, double vy, int from, int to) {
        return t -> t < from || t > to ? null : box(x + vx * t, y + vy * t, 50, 120, 0.9);
    }

    /** Runs {@code frames} frames through the tracker; returns each frame's tracks. */
    List<List<Track>> run(ByteTracker tracker, int frames) {
        List<List<Track>> out = new ArrayList<>();
        for (int t = 0; t < frames; t++) {
            List<Detection> detections = new ArrayList<>();
            for (Path p : objects) {
                Detection d = p.at(t);
                if (d != null) {
                    detections.add(d);
                }
            }
            List<Track> tracks = tracker.update(detections);
            out.add(tracks);
            for (int o = 0; o < objects.size(); o++) {
                Detection truth = objects.get(o).at(t);
                ids.computeIfAbsent(o, k -> new ArrayList<>()).add(truth == null ? 0 : idOf(truth, tracks));
            }
        }
        return out;
    }

    /** The id of the track over {@code truth} (IoU > 0.5), or 0. */
    private static int idOf(Detection truth, List<Track> tracks) {
        return tracks.stream().filter(tr -> Nms.iou(tr.box(), truth) > 0.5f).mapToInt(Track::id).findFirst().orElse(0);
    }

    /** The ids object {@code o} had, in frame order, 0 where it was not tracked. */
    List<Integer> ids(int o) {
        return ids.get(o);
    }

    /** How many times object {@code o}'s id changed from one tracked frame to the next tracked one. */
    int idSwitches(int o) {
        int switches = 0;
        int last = 0;
        for (int id : ids.get(o)) {
            if (id != 0) {
                switches += last != 0 && id != last ? 1 : 0;
                last = id;
            }
        }
        return switches;
    }

    /** The share of frames where object {@code o} was detected and reported with a track. */
    double coverage(int o) {
        int detected = 0;
        int tracked = 0;
        for (int t = 0; t < ids.get(o).size(); t++) {
            if (objects.get(o).at(t) != null) {
                detected++;
                tracked += ids.get(o).get(t) != 0 ? 1 : 0;
            }
        }
        return detected == 0 ? 0 : (double) tracked / detected;
    }
}
