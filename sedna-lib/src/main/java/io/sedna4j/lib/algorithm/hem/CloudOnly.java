package io.sedna4j.lib.algorithm.hem;

import io.sedna4j.lib.inference.Detection;
import java.util.List;

/** Sedna's {@code CloudOnly}: everything is hard, everything goes to the cloud. */
public final class CloudOnly implements HardExampleMining {
    public static final String NAME = "CloudOnly";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isHard(List<Detection> detections) {
        return true;
    }

    @Override
    public boolean isHard(float[] classProbabilities) {
        return true;
    }

    @Override
    public boolean judgesInput() {
        return true;
    }

    @Override
    public boolean isHardInput(Object input) {
        return true;
    }

    @Override
    public boolean isHardResult(Object result) {
        return true;
    }

    @Override
    public String toString() {
        return NAME;
    }
}
