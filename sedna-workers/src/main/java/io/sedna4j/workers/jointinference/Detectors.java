package io.sedna4j.workers.jointinference;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.WorkerContext;
import io.sedna4j.lib.storage.Storage;
import io.sedna4j.vision.CocoDetector;
import io.sedna4j.vision.PersonDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The person detector a joint inference worker runs: named by its {@code detector} variable, model from MODEL_URL. */
final class Detectors {
    private Detectors() {
    }

    static PersonDetector create(WorkerContext ctx, String fallback) {
        String name = ctx.parameter("detector", fallback).toLowerCase(Locale.ROOT).strip();
        if (name.equals("hog")) {
            return PersonDetector.create("hog", null); // built into OpenCV: MODEL_URL names no file
        }
        CocoDetector.Kind kind = switch (name) {
            case "centernet" -> CocoDetector.Kind.CENTERNET;
            case "nanodet" -> CocoDetector.Kind.NANODET;
            default -> throw new LibException("unknown detector '" + name + "' in the worker's environment; fix: set "
                    + "'detector' to one of " + PersonDetector.NAMES);
        };
        String url = ctx.modelUrl().orElseThrow(() -> new LibException("the " + name + " detector needs MODEL_URL, "
                + "the URL of its model.json; fix: give the worker's Model a url (bin/fetch-models fetches it)"));
        Path model = Storage.of(ctx).resolve(url, "MODEL_URL");
        if (Files.isDirectory(model)) {
            model = model.resolve(kind.id() + ".json");
        }
        return CocoDetector.load(kind, model, CocoDetector.Options.persons());
    }
}
