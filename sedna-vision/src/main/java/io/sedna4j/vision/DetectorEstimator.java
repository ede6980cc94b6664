package io.sedna4j.vision;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.estimator.Estimator;
import io.sedna4j.lib.estimator.Example;
import io.sedna4j.lib.estimator.NamedTensors;
import io.sedna4j.lib.inference.Detection;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A {@link PersonDetector} as Sedna's estimator, so joint inference can run it at the edge or serve it from the
 * cloud. Detectors come with their model; this estimator neither trains nor saves.
 */
public final class DetectorEstimator implements Estimator<Image, List<Detection>> {
    private final PersonDetector detector;

    public DetectorEstimator(PersonDetector detector) {
        this.detector = detector;
    }

    @Override
    public void load(Path model) {
        throw new LibException("the " + detector.name() + " detector is loaded when it is created; fix: create "
                + "another DetectorEstimator for model " + model);
    }

    @Override
    public List<Path> save(Path target) {
        throw new LibException("the " + detector.name() + " detector has nothing to save; its model file is "
                + "its own (see bin/fetch-models)");
    }

    @Override
    public List<Detection> predict(Image input) {
        return detector.detect(input);
    }

    @Override
    public Map<String, Double> train(List<Example<Image>> train, List<Example<Image>> validation,
                                     Map<String, String> parameters) {
        throw new LibException("person detectors here are pretrained and do not train; fix: train a model with "
                + "the pytorch backend");
    }

    @Override
    public Map<String, Double> evaluate(List<Example<Image>> data) {
        throw new LibException("evaluating a detector needs boxes, not class labels; fix: compare detections "
                + "with your own annotations");
    }

    @Override
    public NamedTensors weights() {
        throw new LibException("the " + detector.name() + " detector's weights are not trainable here");
    }

    @Override
    public void setWeights(NamedTensors weights) {
        throw new LibException("the " + detector.name() + " detector's weights are not trainable here");
    }

    public String name() {
        return detector.name();
    }

    @Override
    public void close() {
        detector.close();
    }
}
