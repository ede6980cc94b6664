package io.sedna4j.lib.algorithm.hem;

import io.sedna4j.lib.inference.Detection;
import java.util.List;

/** Sedna's {@code EdgeOnly}: nothing is hard, everything stays on the edge. */
public final class EdgeOnly implements HardExampleMining {
    public static final String NAME = "EdgeOnly";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isHard(List<Detection> detections) {
        return false;
    }

    @Override
    public boolean isHard(float[] classProbabilities) {
        return false;
    }

    @Override
    public boolean judgesInput() {
        return true;
    }

    @Override
    public boolean isHardInput(Object input) {
        return false;
    }

    @Override
    public boolean isHardResult(Object result) {
        return false;
    }

    @Override
    public String toString() {
        return NAME;
    }
}
