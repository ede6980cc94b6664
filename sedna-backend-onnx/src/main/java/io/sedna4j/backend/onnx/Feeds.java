package io.sedna4j.backend.onnx;

import io.sedna4j.api.schema.Names;
import io.sedna4j.lib.LibException;
import io.sedna4j.lib.estimator.NamedTensors;
import io.sedna4j.lib.estimator.NamedTensors.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Checks inputs against a model's declared inputs, and stacks and splits them along the batch dimension. */
final class Feeds {
    private Feeds() {
    }

    /**
     * The inputs of one prediction in the model's order, after checking names, element types and shapes.
     *
     * @param where prefix naming the example in a list ({@code "example 3: "}) or empty
     */
    static Map<String, Tensor> check(NamedTensors given, LoadedModel model, String where) {
        if (given == null) {
            throw new LibException(where + "no inputs given to model " + model.file + "; fix: pass its inputs: "
                    + describe(model.inputs));
        }
        Map<String, TensorSpec> specs = model.inputs.stream()
                .collect(Collectors.toMap(TensorSpec::name, s -> s, (a, b) -> a, LinkedHashMap::new));
        for (String name : given.tensors().keySet()) {
            if (!specs.containsKey(name)) {
                throw new LibException(where + "input \"" + name + "\" is not an input of model " + model.file
                        + Names.didYouMean(name, specs.keySet()) + "; the model's inputs are: " + describe(model.inputs)
                        + "; fix: name the tensors as the model does");
            }
        }
        Map<String, Tensor> feed = new LinkedHashMap<>();
        for (TensorSpec spec : model.inputs) {
            Tensor tensor = given.tensors().get(spec.name());
            if (!spec.isFloat()) {
                throw new LibException(where + "input \"" + spec.name() + "\" of model " + model.file + " is "
                        + spec.type() + ", but the ONNX backend feeds float32 tensors only; fix: use a model whose "
                        + "inputs are float32 (e.g. export it with a Cast node after the input)");
            }
            if (tensor == null) {
                throw new LibException(where + "model " + model.file + " needs input \"" + spec.name() + "\" ("
                        + spec.type() + " " + spec.shapeText() + "), which was not given; the model's inputs are: "
                        + describe(model.inputs) + "; fix: give every input");
            }
            feed.put(spec.name(), checkShape(tensor, spec, model, where));
        }
        return feed;
    }

    private static Tensor checkShape(Tensor tensor, TensorSpec spec, LoadedModel model, String where) {
        String input = where + "input \"" + spec.name() + "\" of model " + model.file;
        if (tensor.shape() == null || tensor.values() == null) {
            throw new LibException(input + " has no shape or no values; fix: give both, e.g. shape "
                    + spec.shapeText());
        }
        long elements = 1;
        for (long dim : tensor.shape()) {
            if (dim < 0) {
                throw new LibException(input + " was given shape " + TensorSpec.shapeText(tensor.shape())
                        + " with a negative dimension; fix: give the actual size of every dimension");
            }
            elements *= dim;
        }
        if (!spec.accepts(tensor.shape())) {
            throw new LibException(input + " expects shape " + spec.shapeText() + " but was given "
                    + TensorSpec.shapeText(tensor.shape()) + "; fix: reshape the input to " + spec.shapeText()
                    + " (names and ? mark dimensions that may vary)");
        }
        if (elements != tensor.values().length) {
            throw new LibException(input + " was given shape " + TensorSpec.shapeText(tensor.shape()) + ", which holds "
                    + elements + " values, but " + tensor.values().length + " values; fix: make the values match "
                    + "the shape (row-major order)");
        }
        return tensor;
    }

    /**
     * Whether these checked feeds can run as one: the model has a dynamic first dimension on every input and output,
     * each feed has the same first dimension on all its inputs, and the feeds agree on all other dimensions.
     */
    static boolean stackable(List<Map<String, Tensor>> feeds, LoadedModel model) {
        if (feeds.size() < 2 || !model.inputs.stream().allMatch(TensorSpec::hasDynamicBatch)
                || !model.outputs.stream().filter(TensorSpec::isTensor).allMatch(TensorSpec::hasDynamicBatch)) {
            return false;
        }
        Map<String, Tensor> first = feeds.get(0);
        for (Map<String, Tensor> feed : feeds) {
            long rows = -1;
            for (Map.Entry<String, Tensor> entry : feed.entrySet()) {
                long[] shape = entry.getValue().shape();
                long[] firstShape = first.get(entry.getKey()).shape();
                if (rows >= 0 && shape[0] != rows || shape[0] == 0
                        || !Arrays.equals(shape, 1, shape.length, firstShape, 1, firstShape.length)) {
                    return false;
                }
                rows = shape[0];
            }
        }
        return true;
    }

    /** The feeds concatenated along dimension 0. */
    static Map<String, Tensor> stack(List<Map<String, Tensor>> feeds) {
        Map<String, Tensor> stacked = new LinkedHashMap<>();
        for (String name : feeds.get(0).keySet()) {
            long rows = 0;
            int size = 0;
            for (Map<String, Tensor> feed : feeds) {
                rows += feed.get(name).shape()[0];
                size += feed.get(name).values().length;
            }
            float[] values = new float[size];
            int at = 0;
            for (Map<String, Tensor> feed : feeds) {
                float[] part = feed.get(name).values();
                System.arraycopy(part, 0, values, at, part.length);
                at += part.length;
            }
            long[] shape = feeds.get(0).get(name).shape().clone();
            shape[0] = rows;
            stacked.put(name, new Tensor(shape, values));
        }
        return stacked;
    }

    /** The rows each feed contributed to a stacked run. */
    static long[] rows(List<Map<String, Tensor>> feeds) {
        long[] rows = new long[feeds.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = feeds.get(i).values().iterator().next().shape()[0];
        }
        return rows;
    }

    /** A stacked run's outputs cut back into one result per feed, or null if an output is not batched as expected. */
    static List<NamedTensors> split(NamedTensors outputs, long[] rows) {
        long total = Arrays.stream(rows).sum();
        List<Map<String, Tensor>> parts = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            parts.add(new LinkedHashMap<>());
        }
        for (Map.Entry<String, Tensor> entry : outputs.tensors().entrySet()) {
            Tensor tensor = entry.getValue();
            if (tensor.shape().length == 0 || tensor.shape()[0] != total) {
                return null;
            }
            int perRow = Math.toIntExact(tensor.values().length / total);
            int at = 0;
            for (int i = 0; i < rows.length; i++) {
                int length = Math.toIntExact(rows[i] * perRow);
                long[] shape = tensor.shape().clone();
                shape[0] = rows[i];
                parts.get(i).put(entry.getKey(), new Tensor(shape, Arrays.copyOfRange(tensor.values(), at, at + length)));
                at += length;
            }
        }
        return parts.stream().map(NamedTensors::new).toList();
    }

    static String describe(List<TensorSpec> specs) {
        return specs.stream().map(TensorSpec::toString).collect(Collectors.joining(", "));
    }
}
