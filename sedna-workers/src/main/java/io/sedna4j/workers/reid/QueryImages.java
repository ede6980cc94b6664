package io.sedna4j.workers.reid;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.inference.Detection;
import io.sedna4j.vision.Color;
import io.sedna4j.vision.Image;
import io.sedna4j.vision.PersonDetector;
import io.sedna4j.vision.reid.FeatureExtractor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The photos of the person to find ({@code query_images}, pipe-separated paths as in Sedna) turned into query
 * features. Each photo must show a person: it is padded with a grey margin (a tight crop leaves a detector no room
 * for its window) and searched with the worker's person detector; a photo where none is found is an error that
 * names it. A photo that is mostly the person (a crop, like Sedna's query images) is used whole; in a larger photo
 * the best detection is cropped out.
 */
final class QueryImages {
    /** Least detector score that counts as a person in a query photo (HOG gives the sample's crops 0.87–0.93). */
    static final float MIN_SCORE = 0.4f;
    /** A detection covering at least this share of the photo means the photo is a crop of the person. */
    static final double WHOLE_PHOTO = 0.5;

    /** One query photo: its file and its feature. */
    record Query(Path file, float[] feature) {
    }

    private QueryImages() {
    }

    /** The paths in {@code query_images}: pipe-separated, blanks ignored. */
    static List<Path> parse(String queryImages) {
        List<Path> files = new ArrayList<>();
        for (String part : queryImages == null ? new String[0] : queryImages.split("\\|")) {
            if (!part.isBlank()) {
                files.add(Path.of(part.strip()));
            }
        }
        if (files.isEmpty()) {
            throw new LibException("query_images is empty; fix: set query_images to the photos of the person to find, "
                    + "separated by '|', e.g. /data/query/1.jpg|/data/query/2.jpg");
        }
        return files;
    }

    static List<Query> load(List<Path> files, PersonDetector detector, FeatureExtractor extractor) {
        List<Query> queries = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new LibException("query image " + file.toAbsolutePath() + " (in query_images) does not exist; "
                        + "fix: check the path, as seen from the ReID worker's node");
            }
            Image photo;
            try {
                photo = Image.read(file);
            } catch (LibException e) {
                throw new LibException("query image " + file.toAbsolutePath() + " (in query_images) cannot be read: "
                        + e.getMessage());
            }
            try (photo; Image person = person(photo, file, detector)) {
                queries.add(new Query(file, extractor.extract(person)));
            }
        }
        return queries;
    }

    /** The person in {@code photo}: the photo itself when it is mostly the person, else the best detection. */
    static Image person(Image photo, Path file, PersonDetector detector) {
        int padY = photo.height() / 4;
        int padX = photo.width() / 2;
        Detection best;
        try (Image padded = photo.pad(padY, padY, padX, padX, Color.GREY)) {
            best = detector.detect(padded).stream().filter(d -> d.score() >= MIN_SCORE)
                    .max(Comparator.comparingDouble(d -> d.score() * (double) d.width() * d.height())).orElse(null);
        }
        if (best == null) {
            throw new LibException("query image " + file.toAbsolutePath() + " shows no person: the " + detector.name()
                    + " detector found none in it; fix: give photos or crops of the person to find in query_images "
                    + "(one upright person, at least about 64x128 pixels)");
        }
        float x1 = Math.max(0, best.x1() - padX);
        float y1 = Math.max(0, best.y1() - padY);
        float x2 = Math.min(photo.width(), best.x2() - padX);
        float y2 = Math.min(photo.height(), best.y2() - padY);
        double share = Math.max(0, x2 - x1) * (double) Math.max(0, y2 - y1) / ((double) photo.width() * photo.height());
        if (share >= WHOLE_PHOTO || x2 - x1 < 8 || y2 - y1 < 8) {
            return photo.copy();
        }
        return photo.crop(new Detection(x1, y1, x2, y2, best.score(), best.label()));
    }
}
