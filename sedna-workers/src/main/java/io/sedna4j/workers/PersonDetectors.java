package io.sedna4j.workers;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.WorkerContext;
import io.sedna4j.lib.storage.Storage;
import io.sedna4j.vision.CocoDetector;
import io.sedna4j.vision.PersonDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The person detector a built-in worker runs, named by its {@code detector} variable: {@code hog} (OpenCV's, built
 * in: the Model's url names no file), {@code nanodet} or {@code centernet} (their model.json, or its folder, from
 * MODEL_URL).
 */
public final class PersonDetectors {
    private PersonDetectors() {
    }

    /** The detector's name: the worker's {@code detector} variable, else {@code fallback}. */
    public static String name(WorkerContext ctx, String fallback) {
        return ctx.parameter("detector", fallback).toLowerCase(Locale.ROOT).strip();
    }

    public static PersonDetector create(WorkerContext ctx, String fallback) {
        String name = name(ctx, fallback);
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
                + "the URL of its model.json; fix: give the worker's Model a url (bin/fetch-models fetches it)"));
        Path model = Storage.of(ctx).resolve(url, "MODEL_URL");
        if (Files.isDirectory(model)) {
            model = model.resolve(kind.id() + ".json");
        }
        return CocoDetector.load(kind, model, CocoDetector.Options.persons());
    }
}
