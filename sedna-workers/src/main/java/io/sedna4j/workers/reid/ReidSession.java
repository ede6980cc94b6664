package io.sedna4j.workers.reid;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedna4j.lib.LibException;
import io.sedna4j.lib.inference.Detection;
import io.sedna4j.lib.stream.Box;
import io.sedna4j.lib.stream.EnrichedObject;
import io.sedna4j.lib.stream.EnrichedObjects;
import io.sedna4j.vision.Color;
import io.sedna4j.vision.Drawing;
import io.sedna4j.vision.Image;
import io.sedna4j.vision.JpegCodec;
import io.sedna4j.vision.reid.Contact;
import io.sedna4j.vision.reid.ContactEstimator;
import io.sedna4j.vision.reid.Matcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ReID job's state across cameras, fed one enriched frame at a time (from the subscriber's thread) and finished
 * once (from the main thread). Per frame: the {@link Matcher} picks the target among the tracked people (per-track
 * averaging, at most one target per camera), the {@link ContactEstimator} measures everyone's distance to the target,
 * and the frame is drawn: the target in red ("target 0.91"), people close to them in orange ("contact"), others in
 * grey with their track id. At the end: {@code results.json}, the gallery of the target's best crops, the copied
 * query photos, {@code index.html} and, last, {@code summary.json}. The core of {@link ReidWorker}.
 */
final class ReidSession {
    private static final Logger log = LoggerFactory.getLogger(ReidSession.class);
    static final Color ORANGE = new Color(255, 140, 0);
    /** Target crops shown per camera in the report, and how many candidates are kept for them. */
    static final int GALLERY = 6;
    private static final int GALLERY_CANDIDATES = 48;
    /** With no {@code cameras} given, how long every camera must have been quiet after its end marker. */
    private static final Duration SETTLE = Duration.ofSeconds(5);

    /**
     * @param out      the output directory
     * @param cameras  the cameras to wait for
     * @param idle     the job ends after this long without a message
     * @param annotate whether to write annotated frames (needs the frame images)
     */
    record Settings(Path out, ExpectedCameras cameras, Duration idle, boolean annotate) {
    }

    private record Shot(long frame, double time, double score, byte[] jpeg) {
    }

    private static final class Camera {
        final String name;
        final String dir;
        Instant first;
        long frames;
        long detections;
        final Set<Integer> tracks = new TreeSet<>();
        final Set<Integer> targetTracks = new TreeSet<>();
        long withTarget;
        Integer lastTarget;
        int idSwitches;
        boolean endSeen;
        /** Frames the camera says it sent before its end; -1 when unknown (a version 1 end marker). */
        long expected = -1;
        double lastTime;
        double step;
        final List<double[]> seen = new ArrayList<>();
        final List<Shot> shots = new ArrayList<>();
        long firstTargetFrame = -1;
        long bestFrame = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        final TreeMap<Long, Long> frameAt = new TreeMap<>(); // time in ns → frame number
        boolean images;

        Camera(String name) {
            this.name = name;
            this.dir = OutputFiles.safeName(name);
        }

        /**
         * Its end came, and every frame it sent before: after a repartition some frames may still be on their
         * way through the feature extraction service when the end, sent along the other path, arrives.
         */
        boolean ended() {
            return endSeen && (expected < 0 || frames >= expected);
        }
    }

    private final String extractor;
    private final Matcher matcher;
    private final ContactEstimator contacts;
    private final List<QueryImages.Query> queries;
    private final Settings settings;
    private final Map<String, Camera> cameras = new TreeMap<>(); // reports list cameras by name, not by arrival
    private final ArrayNode results = JsonNodeFactory.instance.arrayNode();
    private long lastActivity = System.nanoTime();
    private LibException fatal;

    ReidSession(String extractor, Matcher matcher, ContactEstimator contacts, List<QueryImages.Query> queries,
                Settings settings) {
        this.extractor = extractor;
        this.matcher = matcher;
        this.contacts = contacts;
        this.queries = List.copyOf(queries);
        this.settings = settings;
    }

    /** One enriched frame, or a camera's end marker. */
    synchronized void handle(EnrichedObjects m) throws IOException {
        lastActivity = System.nanoTime();
        try {
            Camera cam = cameras.computeIfAbsent(m.camera(), Camera::new);
            if (EndOfStream.is(m)) {
                cam.endSeen = true;
                cam.expected = EndOfStream.framesSent(m);
                log.info("camera {} ended after {} frames{}", cam.name, cam.expected < 0 ? cam.frames : cam.expected,
                        cam.ended() ? "" : " (" + cam.frames + " here so far)");
                return;
            }
            if (cam.ended()) {
                log.warn("camera {} sends frames again after its end of stream (frame {}); taking them",
                        cam.name, m.frame().number());
                cam.endSeen = false;
            }
            for (EnrichedObject o : m.objects()) {
                if (!o.embedding().extractor().equals(extractor)) {
                    fatal = new LibException("camera " + m.camera() + "'s features come from the '"
                            + o.embedding().extractor() + "' extractor, but this ReID job computed its query features "
                            + "with '" + extractor + "', and features of different extractors cannot be compared; "
                            + "fix: give the ReID job's container the feature extraction service's model as MODEL_URL");
                    return;
                }
            }
            frame(cam, m);
        } finally {
            notifyAll();
        }
    }

    private void frame(Camera cam, EnrichedObjects m) throws IOException {
        Instant ts = m.frame().timestamp();
        if (cam.first == null) {
            cam.first = ts;
        }
        double time = Math.max(cam.lastTime, Duration.between(cam.first, ts).toNanos() / 1e9);
        if (time > cam.lastTime) {
            cam.step = time - cam.lastTime;
        }
        cam.lastTime = time;
        cam.frameAt.put(Math.round(time * 1e9), m.frame().number());

        List<EnrichedObject> objects = m.objects();
        List<Matcher.Candidate> candidates = new ArrayList<>(objects.size());
        Map<Integer, Detection> people = new LinkedHashMap<>();
        for (int i = 0; i < objects.size(); i++) {
            EnrichedObject o = objects.get(i);
            candidates.add(new Matcher.Candidate(o.track(), o.embedding().vector()));
            people.put(key(o, i), detection(o.box(), o.score()));
        }
        List<Matcher.Match> matches = matcher.match(cam.name, candidates);
        int target = -1;
        for (int i = 0; i < matches.size(); i++) {
            if (matches.get(i).target()) {
                target = i;
            }
        }
        int targetTrack = target >= 0 && objects.get(target).track() >= 0 ? objects.get(target).track() : -1;
        Map<Integer, Double> close = new HashMap<>();
        for (ContactEstimator.Proximity p : contacts.update(cam.name, Duration.ofNanos(Math.round(time * 1e9)),
                targetTrack, people)) {
            if (p.close()) {
                close.put(p.trackId(), p.distance());
            }
        }

        cam.frames++;
        cam.detections += objects.size();
        objects.stream().filter(o -> o.track() >= 0).forEach(o -> cam.tracks.add(o.track()));
        if (target >= 0) {
            track(cam, m.frame().number(), time, objects.get(target).track(), matches.get(target).trackScore());
        }

        Image frame = m.frameJpeg() != null ? decode(m.frameJpeg()) : null;
        String image = null;
        try {
            if (target >= 0) {
                byte[] crop = objects.get(target).crop();
                if (crop == null && frame != null) {
                    try (Image cut = FeatureExtraction.cut(frame, objects.get(target).box(), m.frame().width())) {
                        crop = JpegCodec.encode(cut);
                    } catch (LibException outside) {
                        crop = null;
                    }
                }
                if (crop != null) {
                    offer(cam, new Shot(m.frame().number(), time, matches.get(target).frameScore(), crop));
                }
            }
            if (frame != null && settings.annotate()) {
                draw(frame, m, matches, target, close, time);
                image = "frames/" + cam.dir + "/" + String.format(Locale.ROOT, "%06d.jpg", m.frame().number());
                Path file = settings.out().resolve(image);
                Files.createDirectories(file.getParent());
                frame.write(file);
                cam.images = true;
            }
        } finally {
            if (frame != null) {
                frame.close();
            }
        }
        results.add(result(cam, m, matches, target, close, time, image));
    }

    private static void track(Camera cam, long frame, double time, int track, double score) {
        cam.withTarget++;
        if (track >= 0) {
            cam.targetTracks.add(track);
            if (cam.lastTarget != null && cam.lastTarget != track) {
                cam.idSwitches++;
            }
            cam.lastTarget = track;
        }
        if (cam.firstTargetFrame < 0) {
            cam.firstTargetFrame = frame;
        }
        if (score > cam.bestScore) {
            cam.bestScore = score;
            cam.bestFrame = frame;
        }
        double[] last = cam.seen.isEmpty() ? null : cam.seen.get(cam.seen.size() - 1);
        if (last != null && time - last[1] <= 1.5 * Math.max(cam.step, 1e-3) + 1e-6) {
            last[1] = time;
        } else {
            cam.seen.add(new double[] {time, time});
        }
    }

    private static void offer(Camera cam, Shot shot) {
        cam.shots.add(shot);
        if (cam.shots.size() > GALLERY_CANDIDATES) {
            cam.shots.sort(Comparator.comparingDouble(Shot::score).reversed());
            cam.shots.remove(cam.shots.size() - 1);
        }
    }

    private static Image decode(byte[] jpeg) {
        try {
            return JpegCodec.decode(jpeg);
        } catch (LibException e) {
            return null; // the report goes without this frame's picture
        }
    }

    /** A person's key among the frame's people: the track id, or a negative stand-in for an untracked one. */
    private static int key(EnrichedObject o, int index) {
        return o.track() >= 0 ? o.track() : -1 - index;
    }

    private static Detection detection(Box b, float score) {
        return new Detection(b.x1(), b.y1(), b.x2(), b.y2(), score, 0);
    }

    private void draw(Image frame, EnrichedObjects m, List<Matcher.Match> matches, int target,
                      Map<Integer, Double> close, double time) {
        double s = m.frame().width() > 0 ? (double) frame.width() / m.frame().width() : 1;
        int thickness = Math.max(2, Math.min(frame.width(), frame.height()) / 250);
        List<EnrichedObject> objects = m.objects();
        for (int pass = 0; pass < 3; pass++) { // grey first, then orange, then red on top
            for (int i = 0; i < objects.size(); i++) {
                EnrichedObject o = objects.get(i);
                boolean isTarget = i == target;
                boolean isClose = !isTarget && close.containsKey(key(o, i));
                if (pass != (isTarget ? 2 : isClose ? 1 : 0)) {
                    continue;
                }
                Box b = o.box();
                Detection d = new Detection((float) (b.x1() * s), (float) (b.y1() * s), (float) (b.x2() * s),
                        (float) (b.y2() * s), o.score(), 0);
                Color color = isTarget ? Color.RED : isClose ? ORANGE : Color.GREY;
                String text = isTarget ? String.format(Locale.ROOT, "target %.2f", matches.get(i).trackScore())
                        : isClose ? "contact" : o.track() >= 0 ? "id " + o.track() : "person";
                Drawing.box(frame, d, color, isTarget || isClose ? thickness + 1 : thickness);
                // the target's label above its box, the others' under theirs: side by side, they would overlap
                Drawing.label(frame, text, Math.round(d.x1()), isTarget ? Math.round(d.y1()) - 24 : Math.round(d.y2()),
                        color);
            }
        }
        Drawing.label(frame, String.format(Locale.ROOT, "%s  frame %d  %.1f s", m.camera(), m.frame().number(), time),
                4, 4, Color.BLACK);
    }

    private static ObjectNode result(Camera cam, EnrichedObjects m, List<Matcher.Match> matches, int target,
                                     Map<Integer, Double> close, double time, String image) {
        ObjectNode r = JsonNodeFactory.instance.objectNode().put("camera", cam.name).put("frame", m.frame().number())
                .put("time", round(time)).put("timestamp", m.frame().timestamp().toString());
        ArrayNode boxes = r.putArray("boxes");
        ArrayNode tracks = r.putArray("tracks");
        ArrayNode scores = r.putArray("scores");
        ArrayNode similarities = r.putArray("similarities");
        for (int i = 0; i < m.objects().size(); i++) {
            EnrichedObject o = m.objects().get(i);
            boxes.addArray().add(round(o.box().x1())).add(round(o.box().y1())).add(round(o.box().x2()))
                    .add(round(o.box().y2()));
            tracks.add(o.track());
            scores.add(round(o.score()));
            similarities.add(round(matches.get(i).frameScore()));
        }
        if (target >= 0) {
            r.put("target", m.objects().get(target).track()).put("targetScore", round(matches.get(target).trackScore()));
        } else {
            r.putNull("target").putNull("targetScore");
        }
        ArrayNode contactList = r.putArray("contacts");
        close.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e ->
                contactList.addObject().put("track", e.getKey()).put("distance", round(e.getValue())));
        r.put("image", image);
        return r;
    }

    /**
     * Waits until the job is over: every expected camera has sent its end marker, or nothing came for
     * {@code idle}; with no expected cameras, every camera heard from has ended and been quiet for a few seconds.
     * Returns why it ended; throws what made the job fail.
     */
    synchronized String awaitEnd() throws InterruptedException {
        ExpectedCameras expected = settings.cameras();
        while (true) {
            if (fatal != null) {
                throw fatal;
            }
            List<String> ended = endedCameras();
            long quiet = System.nanoTime() - lastActivity;
            if (expected.satisfiedBy(ended) || expected.any() && !cameras.isEmpty() && ended.size() == cameras.size()
                    && quiet >= Math.min(SETTLE.toNanos(), settings.idle().toNanos())) {
                return "every camera sent its end of stream";
            }
            if (quiet >= settings.idle().toNanos()) {
                return "no message for " + settings.idle().toSeconds() + " s";
            }
            wait(Math.max(1, Math.min(200, (settings.idle().toNanos() - quiet) / 1_000_000)));
        }
    }

    private List<String> endedCameras() {
        return cameras.values().stream().filter(Camera::ended).map(c -> c.name).toList();
    }

    /** Writes the results, the gallery, the report and, last, summary.json; returns the summary. */
    synchronized ObjectNode finish(String endedBecause, Duration wall) throws IOException {
        Path out = settings.out();
        Files.createDirectories(out);
        List<Contact> all = contacts.finish();
        ObjectNode summary = JsonNodeFactory.instance.objectNode();
        ArrayNode queryList = summary.putArray("queryImages");
        for (int i = 0; i < queries.size(); i++) {
            Path file = queries.get(i).file();
            String copy = "query/" + (i + 1) + "-" + OutputFiles.safeName(String.valueOf(file.getFileName()));
            Files.createDirectories(out.resolve("query"));
            Files.copy(file, out.resolve(copy), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            queryList.addObject().put("file", file.toAbsolutePath().toString()).put("image", copy);
        }
        summary.put("extractor", extractor).put("matchThresh", matcher.options().matchThresh());
        long frames = 0;
        long detections = 0;
        long tracks = 0;
        long withTarget = 0;
        int switches = 0;
        ArrayNode cams = summary.putArray("cameras");
        for (Camera c : cameras.values()) {
            frames += c.frames;
            detections += c.detections;
            tracks += c.tracks.size();
            withTarget += c.withTarget;
            switches += c.idSwitches;
            cams.add(camera(c, all, out));
        }
        summary.put("frames", frames).put("detections", detections).put("tracks", tracks)
                .put("framesWithTarget", withTarget)
                .put("targetFoundPercent", frames == 0 ? 0 : round(100.0 * withTarget / frames))
                .put("idSwitches", switches);
        ArrayNode contactList = summary.putArray("contacts");
        for (Contact c : all) {
            contactList.addObject().put("camera", c.camera()).put("targetTrack", c.targetTrackId())
                    .put("otherTrack", c.otherTrackId()).put("start", seconds(c.start())).put("end", seconds(c.end()))
                    .put("duration", seconds(c.duration())).put("minDistance", round(c.minDistance()))
                    .put("image", keyImage(cameras.get(c.camera()), c.start()));
        }
        summary.put("ended", endedBecause);
        ArrayNode missing = summary.putArray("missingCameras");
        settings.cameras().missing(cameras.keySet(), endedCameras()).forEach(missing::add);
        summary.put("wallSeconds", round(wall.toMillis() / 1000.0)).put("results", "results.json")
                .put("report", "index.html");

        ObjectNode resultsFile = JsonNodeFactory.instance.objectNode();
        resultsFile.set("queryImages", queryList.deepCopy());
        resultsFile.put("extractor", extractor).put("matchThresh", matcher.options().matchThresh());
        resultsFile.set("frames", results);
        resultsFile.set("contacts", contactList.deepCopy());
        OutputFiles.writeJson(out.resolve("results.json"), resultsFile);
        OutputFiles.write(out.resolve("index.html"), ReidReport.html(summary).getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        OutputFiles.writeJson(out.resolve("summary.json"), summary);
        return summary;
    }

    private ObjectNode camera(Camera c, List<Contact> all, Path out) throws IOException {
        double duration = c.frames == 0 ? 0 : c.lastTime + Math.max(c.step, 0);
        ObjectNode n = JsonNodeFactory.instance.objectNode().put("camera", c.name).put("frames", c.frames)
                .put("detections", c.detections).put("tracks", c.tracks.size())
                .put("framesWithTarget", c.withTarget)
                .put("targetFoundPercent", c.frames == 0 ? 0 : round(100.0 * c.withTarget / c.frames))
                .put("idSwitches", c.idSwitches).put("ended", c.ended()).put("duration", round(duration))
                .put("contacts", all.stream().filter(x -> x.camera().equals(c.name)).count());
        ArrayNode ids = n.putArray("trackIds");
        c.tracks.forEach(ids::add);
        ArrayNode targetIds = n.putArray("targetTracks");
        c.targetTracks.forEach(targetIds::add);
        ArrayNode seen = n.putArray("targetSeen");
        for (double[] s : c.seen) {
            seen.addArray().add(round(s[0])).add(round(s[1] + Math.max(c.step, 0)));
        }
        ArrayNode gallery = n.putArray("gallery");
        for (Shot shot : pick(c.shots, duration)) {
            String image = "gallery/" + c.dir + "/" + String.format(Locale.ROOT, "%06d.jpg", shot.frame());
            OutputFiles.write(out.resolve(image), shot.jpeg());
            gallery.addObject().put("image", image).put("frame", shot.frame()).put("time", round(shot.time()))
                    .put("score", round(shot.score()));
        }
        ArrayNode keys = n.putArray("keyFrames");
        if (c.images) {
            Map<Long, String> chosen = new LinkedHashMap<>();
            if (c.firstTargetFrame >= 0) {
                chosen.put(c.firstTargetFrame, "first seen");
            }
            if (c.bestFrame >= 0) {
                chosen.merge(c.bestFrame, "best match", (a, b) -> a + ", " + b);
            }
            all.stream().filter(x -> x.camera().equals(c.name)).limit(3).forEach(x -> {
                Map.Entry<Long, Long> at = c.frameAt.floorEntry(x.start().toNanos());
                if (at != null) {
                    chosen.merge(at.getValue(), "contact with id " + x.otherTrackId(), (a, b) -> a + ", " + b);
                }
            });
            chosen.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> keys.addObject()
                    .put("image", "frames/" + c.dir + "/" + String.format(Locale.ROOT, "%06d.jpg", e.getKey()))
                    .put("frame", e.getKey()).put("caption", e.getValue()));
        }
        return n;
    }

    private String keyImage(Camera c, Duration start) {
        if (c == null || !c.images) {
            return null;
        }
        Map.Entry<Long, Long> at = c.frameAt.floorEntry(start.toNanos());
        return at == null ? null : "frames/" + c.dir + "/" + String.format(Locale.ROOT, "%06d.jpg", at.getValue());
    }

    /** The best shots, spread over the video: greedily by score, at least a twelfth of the video apart. */
    private static List<Shot> pick(List<Shot> shots, double duration) {
        List<Shot> byScore = shots.stream().sorted(Comparator.comparingDouble(Shot::score).reversed()).toList();
        double gap = duration / (2.0 * GALLERY);
        List<Shot> out = new ArrayList<>();
        for (Shot s : byScore) {
            if (out.size() < GALLERY && out.stream().allMatch(o -> Math.abs(o.time() - s.time()) >= gap)) {
                out.add(s);
            }
        }
        for (Shot s : byScore) { // too few far apart: fill with the next best
            if (out.size() < GALLERY && !out.contains(s)) {
                out.add(s);
            }
        }
        out.sort(Comparator.comparingDouble(Shot::time));
        return out;
    }

    /** What the worker reports to its LC: frames, the target's frames, detections, cameras heard and ended. */
    synchronized ObjectNode statistics() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("frames", cameras.values().stream().mapToLong(c -> c.frames).sum())
                .put("framesWithTarget", cameras.values().stream().mapToLong(c -> c.withTarget).sum())
                .put("detections", cameras.values().stream().mapToLong(c -> c.detections).sum())
                .put("cameras", cameras.size()).put("camerasEnded", endedCameras().size());
        return o;
    }

    /** Per camera: frames handled so far (for logs). */
    synchronized String progress() {
        return cameras.values().stream().map(c -> c.name + " " + c.frames + (c.ended() ? " (ended)" : ""))
                .collect(Collectors.joining(", "));
    }

    private static double seconds(Duration d) {
        return round(d.toNanos() / 1e9);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
