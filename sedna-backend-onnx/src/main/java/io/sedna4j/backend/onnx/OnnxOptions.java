package io.sedna4j.backend.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;
import io.sedna4j.lib.LibException;
import java.util.Locale;
import java.util.Map;

/**
 * How ONNX Runtime runs a model: thread pools, graph optimisation and execution mode, and how many examples
 * {@link OnnxEstimator#predict(java.util.List)} stacks into one run.
 *
 * @param intraOpThreads threads inside one operator (0: ONNX Runtime's default, one per physical core)
 * @param interOpThreads threads across independent operators, used in {@link Execution#PARALLEL} mode only
 *                       (0: ONNX Runtime's default)
 * @param optimization   graph optimisation applied when the session is created
 * @param execution      whether independent branches of the graph run one after another or in parallel
 * @param maxBatch       most examples stacked into one run by {@code predict(List)}; larger lists run in chunks
 */
public record OnnxOptions(int intraOpThreads, int interOpThreads, Optimization optimization, Execution execution,
                          int maxBatch) {

    /** Graph optimisation levels, as ONNX Runtime names them. */
    public enum Optimization { NONE, BASIC, EXTENDED, ALL }

    /** Execution modes, as ONNX Runtime names them. */
    public enum Execution { SEQUENTIAL, PARALLEL }

    public OnnxOptions {
        require(intraOpThreads >= 0, "intra_op_threads", intraOpThreads, "0 (default) or a positive number");
        require(interOpThreads >= 0, "inter_op_threads", interOpThreads, "0 (default) or a positive number");
        require(maxBatch >= 1, "max_batch", maxBatch, "a positive number");
        if (optimization == null || execution == null) {
            throw new LibException("ONNX options need an optimisation level and an execution mode; "
                    + "fix: start from OnnxOptions.defaults()");
        }
    }

    /** ONNX Runtime's defaults: its own thread counts, all optimisations, sequential execution, batches of 32. */
    public static OnnxOptions defaults() {
        return new OnnxOptions(0, 0, Optimization.ALL, Execution.SEQUENTIAL, 32);
    }

    /**
     * Options from a worker's hyperparameters ({@code intra_op_threads}, {@code inter_op_threads},
     * {@code optimization}: none|basic|extended|all, {@code execution}: sequential|parallel, {@code max_batch});
     * keys it does not know are ignored, absent ones keep their default.
     */
    public static OnnxOptions fromParameters(Map<String, String> parameters) {
        OnnxOptions d = defaults();
        return new OnnxOptions(
                intParameter(parameters, "intra_op_threads", d.intraOpThreads),
                intParameter(parameters, "inter_op_threads", d.interOpThreads),
                enumParameter(parameters, "optimization", Optimization.class, d.optimization),
                enumParameter(parameters, "execution", Execution.class, d.execution),
                intParameter(parameters, "max_batch", d.maxBatch));
    }

    public OnnxOptions withIntraOpThreads(int threads) {
        return new OnnxOptions(threads, interOpThreads, optimization, execution, maxBatch);
    }

    public OnnxOptions withInterOpThreads(int threads) {
        return new OnnxOptions(intraOpThreads, threads, optimization, execution, maxBatch);
    }

    public OnnxOptions withOptimization(Optimization level) {
        return new OnnxOptions(intraOpThreads, interOpThreads, level, execution, maxBatch);
    }

    public OnnxOptions withExecution(Execution mode) {
        return new OnnxOptions(intraOpThreads, interOpThreads, optimization, mode, maxBatch);
    }

    public OnnxOptions withMaxBatch(int examples) {
        return new OnnxOptions(intraOpThreads, interOpThreads, optimization, execution, examples);
    }

    /** ONNX Runtime's session options for these settings; the caller closes them. */
    SessionOptions toSessionOptions() throws OrtException {
        SessionOptions options = new SessionOptions();
        try {
            if (intraOpThreads > 0) {
                options.setIntraOpNumThreads(intraOpThreads);
            }
            if (interOpThreads > 0) {
                options.setInterOpNumThreads(interOpThreads);
            }
            options.setOptimizationLevel(switch (optimization) {
                case NONE -> SessionOptions.OptLevel.NO_OPT;
                case BASIC -> SessionOptions.OptLevel.BASIC_OPT;
                case EXTENDED -> SessionOptions.OptLevel.EXTENDED_OPT;
                case ALL -> SessionOptions.OptLevel.ALL_OPT;
            });
            options.setExecutionMode(execution == Execution.PARALLEL
                    ? SessionOptions.ExecutionMode.PARALLEL : SessionOptions.ExecutionMode.SEQUENTIAL);
            return options;
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw e;
        }
    }

    private static void require(boolean ok, String key, int value, String expected) {
        if (!ok) {
            throw new LibException("ONNX option " + key + " is " + value + "; fix: give " + expected);
        }
    }

    private static int intParameter(Map<String, String> parameters, String key, int fallback) {
        String value = parameters.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new LibException("ONNX option " + key + " is \"" + value + "\", not a whole number; fix: give e.g. "
                    + key + "=" + fallback);
        }
    }

    private static <E extends Enum<E>> E enumParameter(Map<String, String> parameters, String key, Class<E> type,
                                                       E fallback) {
        String value = parameters.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder known = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                known.append(known.length() == 0 ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
            }
            throw new LibException("ONNX option " + key + " is \"" + value + "\"; fix: use one of " + known);
        }
    }
}
