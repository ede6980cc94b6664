package io.sedna4j.workers.reid;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.WorkerContext;
import io.sedna4j.lib.storage.Storage;
import io.sedna4j.vision.CocoDetector;
import io.sedna4j.vision.PersonDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The person detector a worker runs, named by its {@code detector} variable: {@code hog} (OpenCV's, built in: the
 * Model's url names no file), {@code nanodet} or {@code centernet} (their model.json, or its folder, from MODEL_URL).
 */
final class PersonDetectors {
    private PersonDetectors() {
    }

    static String name(WorkerContext ctx) {
        return ctx.parameter("detector", "hog").toLowerCase(Locale.ROOT).strip();
    }

    static PersonDetector create(WorkerContext ctx) {
        String name = name(ctx);
        if (name.equals("hog")) {
            return PersonDetector.create("hog", null);
        }
        CocoDetector.Kind kind = switch (name) {
            case "centernet" -> CocoDetector.Kind.CENTERNET;
            case "nanodet" -> CocoDetector.Kind.NANODET;
            default -> throw new LibException("unknown detector '" + name + "' in the worker's environment; fix: set "
                    + "'detector' to one of " + PersonDetector.NAMES);
        };
        String url = ctx.modelUrl().orElseThrow(() -> new LibException("the " + name + " detector needs MODEL_URL, "
                + "the URL of its model.json; fix: give the job's Model a url (bin/fetch-models fetches it)"));
        Path model = Storage.of(ctx).resolve(url, "MODEL_URL");
        if (Files.isDirectory(model)) {
            model = model.resolve(kind.id() + ".json");
        }
        return CocoDetector.load(kind, model, CocoDetector.Options.persons());
    }
}
