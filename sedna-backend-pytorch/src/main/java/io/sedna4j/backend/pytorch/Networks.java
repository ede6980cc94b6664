package io.sedna4j.backend.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import io.sedna4j.lib.estimator.Example;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the DJL block an {@link Architecture} describes, and its input and label arrays. */
final class Networks {
    private Networks() {
    }

    static SequentialBlock build(Architecture architecture) {
        SequentialBlock block = new SequentialBlock();
        for (int filters : architecture.channels()) {
            // padding 1 keeps height and width, so only the pools shrink them: easy to size the head
            block.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                            .setFilters(filters).build())
                    .add(Activation.reluBlock())
                    .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        }
        block.add(Blocks.batchFlattenBlock());
        for (int units : architecture.hidden()) {
            block.add(Linear.builder().setUnits(units).build()).add(Activation.reluBlock());
        }
        // logits: softmax is applied by the loss in training and by predict
        return block.add(Linear.builder().setUnits(architecture.classes()).build());
    }

    /** Parameter name → shape for this architecture, from a throwaway initialised copy. */
    static Map<String, long[]> parameterShapes(Architecture architecture) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        try (NDManager scratch = NDManager.newBaseManager(TorchRuntime.engine().getEngineName())) {
            SequentialBlock block = build(architecture);
            block.initialize(scratch, DataType.FLOAT32, batchShape(architecture, 1));
            block.getParameters().forEach(p -> shapes.put(p.getKey(), p.getValue().getArray().getShape().getShape()));
        }
        return shapes;
    }

    /** The shape of a batch of {@code n} examples. */
    static Shape batchShape(Architecture architecture, long n) {
        long[] inputShape = architecture.inputShape();
        long[] dims = new long[inputShape.length + 1];
        dims[0] = n;
        System.arraycopy(inputShape, 0, dims, 1, inputShape.length);
        return new Shape(dims);
    }

    /** A batch of inputs, each {@link Architecture#inputSize()} values in row-major order. */
    static NDArray inputs(NDManager manager, Architecture architecture, List<float[]> inputs) {
        int size = architecture.inputSize();
        float[] flat = new float[inputs.size() * size];
        for (int i = 0; i < inputs.size(); i++) {
            System.arraycopy(inputs.get(i), 0, flat, i * size, size);
        }
        return manager.create(flat, batchShape(architecture, inputs.size()));
    }

    /** Class indices as int64, which the cross-entropy loss picks with. */
    static NDArray labels(NDManager manager, List<Example<float[]>> examples) {
        return manager.create(examples.stream().mapToLong(Example::label).toArray());
    }

    /** How many rows of {@code logits} score their label highest. */
    static int correct(NDArray logits, NDArray labels) {
        long[] predicted = logits.argMax(1).toLongArray();
        long[] expected = labels.toLongArray();
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            correct += predicted[i] == expected[i] ? 1 : 0;
        }
        return correct;
    }
}
