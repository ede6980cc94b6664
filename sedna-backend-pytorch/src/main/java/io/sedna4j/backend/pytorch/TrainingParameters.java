package io.sedna4j.backend.pytorch;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.sedna4j.lib.LibException;
import java.util.Locale;
import java.util.Map;

/**
 * Hyperparameters of {@link TorchClassifier#train}, read from the strings a worker's environment gives
 * ({@code epochs=5}, {@code batch_size=32}, …). Keys it does not know are ignored.
 *
 * @param epochs       passes over the training examples (default 1)
 * @param batchSize    examples per gradient step (default 32)
 * @param learningRate step size (default 0.001 for Adam, 0.01 for SGD)
 * @param optimizer    {@code adam} (default) or {@code sgd}
 * @param momentum     SGD momentum (default 0)
 * @param mu           FedProx proximal coefficient (default 0: plain training); see {@link TorchClassifier#train}
 * @param seed         seed of the order examples are visited in, or null for the classifier's seed
 */
public record TrainingParameters(int epochs, int batchSize, float learningRate, String optimizer, float momentum,
                                 float mu, Integer seed) {

    public static TrainingParameters from(Map<String, String> parameters) {
        String optimizer = parameters.getOrDefault("optimizer", "adam").trim().toLowerCase(Locale.ROOT);
        if (!optimizer.equals("adam") && !optimizer.equals("sgd")) {
            throw new LibException("hyperparameter optimizer is \"" + parameters.get("optimizer")
                    + "\"; fix: use adam or sgd");
        }
        int epochs = (int) number(parameters, "epochs", 1, 1);
        int batchSize = (int) number(parameters, "batch_size", 32, 1);
        float learningRate = (float) number(parameters, "learning_rate", optimizer.equals("adam") ? 0.001 : 0.01,
                Double.MIN_VALUE);
        float momentum = (float) number(parameters, "momentum", 0, 0);
        float mu = (float) number(parameters, "mu", 0, 0);
        String seed = parameters.get("seed");
        return new TrainingParameters(epochs, batchSize, learningRate, optimizer, momentum, mu,
                seed == null || seed.isBlank() ? null : (int) number(parameters, "seed", 0, Integer.MIN_VALUE));
    }

    Optimizer newOptimizer() {
        return optimizer.equals("adam")
                ? Optimizer.adam().optLearningRateTracker(Tracker.fixed(learningRate)).build()
                : Optimizer.sgd().setLearningRateTracker(Tracker.fixed(learningRate)).optMomentum(momentum).build();
    }

    private static double number(Map<String, String> parameters, String key, double fallback, double min) {
        String text = parameters.get(key);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        double value;
        try {
            value = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new LibException("hyperparameter " + key + " is \"" + text + "\", not a number; fix: give e.g. "
                    + key + "=" + format(fallback));
        }
        boolean whole = !key.equals("learning_rate") && !key.equals("momentum") && !key.equals("mu");
        if (Double.isNaN(value) || value < min || whole && value != Math.rint(value)) {
            throw new LibException("hyperparameter " + key + " is \"" + text + "\"; fix: give "
                    + (whole ? "a whole number" : "a number") + (min > 0 ? " above 0" : min == 0 ? " of 0 or more" : "")
                    + ", e.g. " + key + "=" + format(fallback));
        }
        return value;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
