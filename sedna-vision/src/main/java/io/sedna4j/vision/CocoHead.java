package io.sedna4j.vision;

import io.sedna4j.lib.estimator.NamedTensors;
import java.util.List;
import java.util.function.IntPredicate;

/** What differs between the COCO models: input format, and how outputs become boxes in the input square. */
interface CocoHead {

    /** One box in the model's input pixels. */
    record Box(float x1, float y1, float x2, float y2, float score, int label) {
    }

    /** Side of the square input, in pixels. */
    int inputSize();

    String inputName();

    /** The square, letterboxed image as the model's input tensor. */
    NamedTensors.Tensor input(Image square);

    /** The outputs {@link #decode} reads. */
    List<String> outputs();

    /** Boxes with score ≥ {@code minScore} of the classes {@code wanted} accepts. */
    List<Box> decode(NamedTensors outputs, float minScore, IntPredicate wanted);
}
