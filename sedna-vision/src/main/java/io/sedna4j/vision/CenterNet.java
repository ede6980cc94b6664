package io.sedna4j.vision;

import io.sedna4j.lib.estimator.NamedTensors;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * CenterNet with a MobileNetV3 backbone, COCO-80 (human-models {@code centernet}): input {@code tower_0/images}
 * [1,512,512,3] RGB 0..255; output {@code tower_0/detections} [1,100,6], the 100 best peaks of the class heatmap
 * as (x1, y1, x2, y2, score, class) in input pixels, the score already a sigmoid.
 */
final class CenterNet implements CocoHead {
    static final String INPUT = "tower_0/images";
    static final String DETECTIONS = "tower_0/detections";

    @Override
    public int inputSize() {
        return 512;
    }

    @Override
    public String inputName() {
        return INPUT;
    }

    @Override
    public NamedTensors.Tensor input(Image square) {
        return square.toTensor(TensorLayout.NHWC, ChannelOrder.RGB, 1f);
    }

    @Override
    public List<String> outputs() {
        return List.of(DETECTIONS);
    }

    @Override
    public List<Box> decode(NamedTensors outputs, float minScore, IntPredicate wanted) {
        float[] d = outputs.tensors().get(DETECTIONS).values();
        List<Box> boxes = new ArrayList<>();
        for (int i = 0; i + 5 < d.length; i += 6) {
            int label = Math.round(d[i + 5]);
            if (d[i + 4] >= minScore && wanted.test(label)) {
                boxes.add(new Box(d[i], d[i + 1], d[i + 2], d[i + 3], d[i + 4], label));
            }
        }
        return boxes;
    }
}
