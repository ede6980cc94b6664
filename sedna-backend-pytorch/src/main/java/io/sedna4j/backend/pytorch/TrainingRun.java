package io.sedna4j.backend.pytorch;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import io.sedna4j.lib.estimator.Example;
import io.sedna4j.lib.estimator.NamedTensors;
import java.util.List;

/**
 * One call of {@link TorchClassifier#train}: an optimizer, the FedProx snapshot if {@code mu > 0}, and the gradient
 * steps. A hand-written loop rather than DJL's {@code Trainer}, whose gradient check leaves one array per parameter
 * in the model's manager on every call: a leak over many federated rounds.
 */
final class TrainingRun implements AutoCloseable {
    private final Engine engine;
    private final Block block;
    private final Architecture architecture;
    private final NDManager manager;
    private final Optimizer optimizer;
    private final Loss loss = Loss.softmaxCrossEntropyLoss();
    private final List<Parameter> parameters;
    private final float mu;
    /** FedProx's w₀: copies of the weights when training started, outside autograd; null when mu is 0. */
    private final NDList reference;

    TrainingRun(Engine engine, Model model, Architecture architecture, TrainingParameters hyperparameters) {
        this.engine = engine;
        this.block = model.getBlock();
        this.architecture = architecture;
        this.manager = model.getNDManager().newSubManager();
        this.optimizer = hyperparameters.newOptimizer();
        this.mu = hyperparameters.mu();
        this.parameters = block.getParameters().values();
        for (Parameter parameter : parameters) {
            // a loaded network's arrays come without gradients
            if (parameter.requiresGradient() && !parameter.getArray().hasGradient()) {
                parameter.getArray().setRequiresGradient(true);
            }
        }
        this.reference = mu > 0 ? snapshot() : null;
    }

    /**
     * One pass over {@code examples} in batches of {@code batchSize}; returns the summed loss, the correct
     * predictions and the summed proximal term.
     */
    double[] epoch(List<Example<float[]>> examples, int batchSize) {
        double[] sums = new double[3];
        for (int from = 0; from < examples.size(); from += batchSize) {
            step(examples.subList(from, Math.min(examples.size(), from + batchSize)), sums);
        }
        return sums;
    }

    private void step(List<Example<float[]>> batch, double[] sums) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray labels = Networks.labels(scope, batch);
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray logits = block.forward(new ParameterStore(scope, false),
                        new NDList(Networks.inputs(scope, architecture, batch.stream().map(Example::input).toList())),
                        true).singletonOrThrow();
                NDArray batchLoss = loss.evaluate(new NDList(labels), new NDList(logits));
                NDArray objective = batchLoss;
                if (reference != null) {
                    NDArray proximal = proximalTerm(scope).mul(mu / 2);
                    sums[2] += proximal.getFloat() * batch.size();
                    objective = batchLoss.add(proximal);
                }
                collector.backward(objective);
                sums[0] += batchLoss.getFloat() * batch.size();
                sums[1] += Networks.correct(logits, labels);
            }
            for (Parameter parameter : parameters) {
                if (parameter.requiresGradient()) {
                    NDArray gradient = parameter.getArray().getGradient();
                    gradient.attach(scope); // the handle, not the gradient: freed with the step
                    // DJL's PyTorch optimizers zero the gradient after the update, so none pile up between steps
                    optimizer.update(parameter.getId(), parameter.getArray(), gradient);
                }
            }
        }
    }

    /** {@code Σ‖w − w₀‖²} over all parameters, its arrays in {@code scope}. */
    private NDArray proximalTerm(NDManager scope) {
        NDArray sum = null;
        for (int i = 0; i < parameters.size(); i++) {
            NDArray difference = parameters.get(i).getArray().sub(reference.get(i));
            difference.attach(scope);
            NDArray squares = difference.square().sum();
            sum = sum == null ? squares : sum.add(squares);
        }
        return sum;
    }

    private NDList snapshot() {
        NDList copies = new NDList();
        // through float[]: a copy PyTorch cannot link to the live weights' autograd graph
        for (NamedTensors.Tensor tensor : Weights.read(block).tensors().values()) {
            copies.add(manager.create(tensor.values(), new Shape(tensor.shape())));
        }
        return copies;
    }

    @Override
    public void close() {
        manager.close();
    }
}
