package io.sedna4j.lib.jointinference;

import io.sedna4j.api.schema.Names;
import io.sedna4j.lib.LcClient;
import io.sedna4j.lib.LibException;
import io.sedna4j.lib.WorkerContext;
import io.sedna4j.lib.algorithm.hem.HardExampleMining;
import io.sedna4j.lib.estimator.Estimator;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge side of joint inference, Sedna's {@code JointInference} for any {@link Estimator}: a small model answers
 * on the edge, hard examples go to the big model in the cloud ({@link BigModelService}), and when the cloud cannot
 * answer the edge result stands.
 *
 * <ul>
 *   <li>{@link Mode#INFERENCE_THEN_MINING} (default): predict on the edge, judge the result with hard example mining,
 *     send hard ones to the cloud.</li>
 *   <li>{@link Mode#MINING_THEN_INFERENCE}: judge the raw input first; hard ones go to the cloud only (the edge
 *     predicts only when the cloud fails), easy ones to the edge. The algorithm must be able to judge raw inputs,
 *     which is checked when this is built.</li>
 * </ul>
 *
 * Statistics ({@link Statistics}) are reported to the LC every LC_PERIOD as {@code ownerInfo} of kind
 * {@code inference}, owner kind {@code jointinferenceservice}, when they changed.
 */
public final class JointInference<I, O> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JointInference.class);
    public static final String OWNER_KIND = "jointinferenceservice";

    /** Sedna's MINING_MODE values. */
    public enum Mode {
        INFERENCE_THEN_MINING("inference-then-mining"),
        MINING_THEN_INFERENCE("mining-then-inference");

        private final String value;

        Mode(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }

        /** The mode MINING_MODE names; anything else is an error listing both. */
        public static Mode parse(String value) {
            for (Mode m : values()) {
                if (m.value.equalsIgnoreCase(value.trim())) {
                    return m;
                }
            }
            List<String> known = Arrays.stream(values()).map(Mode::value).toList();
            throw new LibException("MINING_MODE=\"" + value + "\" is not a mining mode; fix: use one of "
                    + String.join(", ", known) + Names.didYouMean(value, known));
        }
    }

    /**
     * One inference.
     *
     * @param isHard       whether hard example mining judged it hard
     * @param edgeResult   the edge model's result; null when the cloud answered a mined-first hard input
     * @param cloudResult  the cloud's result; null when not hard or the cloud did not answer
     * @param finalResult  the cloud result when hard and answered, else the edge result
     * @param usedFallback hard, but the cloud did not answer, so the edge result is final
     */
    public record Result<O>(boolean isHard, O edgeResult, O cloudResult, O finalResult, boolean usedFallback) {
    }

    private final Estimator<I, O> edge;
    private final CloudClient<I, O> cloud;
    private final HardExampleMining hem;
    private final Mode mode;
    private final Predicate<O> resultJudge;
    private final Predicate<I> inputJudge;
    private final Statistics statistics = new Statistics();
    private final Object serial = new Object();
    private final WorkerContext context;
    private final LcClient lc;
    private final ScheduledExecutorService reporter;
    private long reported = -1;

    private JointInference(Builder<I, O> b) {
        this.context = b.context != null ? b.context : WorkerContext.fromEnv();
        this.edge = b.edge;
        this.hem = b.hem != null ? b.hem : HardExampleMining.fromContext(context);
        this.mode = b.mode != null ? b.mode : Mode.parse(context.miningMode());
        if (b.cloud != null) {
            this.cloud = b.cloud;
        } else if (b.input != null && b.output != null) {
            this.cloud = CloudClient.builder(context, b.input, b.output).build();
        } else {
            throw new LibException("joint inference needs a way to the cloud; fix: give the builder a CloudClient,"
                    + " or codecs to build one from BIG_MODEL_IP and BIG_MODEL_PORT");
        }
        this.resultJudge = b.resultJudge != null ? b.resultJudge : hem::isHardResult;
        if (mode == Mode.MINING_THEN_INFERENCE && b.inputJudge == null && !hem.judgesInput()) {
            throw new LibException("MINING_MODE=" + mode.value() + " judges the raw input before inference, but hard"
                    + " example mining \"" + hem.name() + "\" judges inference results; fix: set HEM_NAME to an"
                    + " algorithm that judges inputs (Random, EdgeOnly, CloudOnly), give the builder an input judge,"
                    + " or use MINING_MODE=" + Mode.INFERENCE_THEN_MINING.value());
        }
        this.inputJudge = b.inputJudge != null ? b.inputJudge : hem::isHardInput;
        this.lc = b.reports ? (b.lc != null ? b.lc : LcClient.of(context)) : null;
        if (lc != null) {
            Duration period = b.period != null ? b.period : context.lcPeriod();
            reporter = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "joint-inference-report");
                t.setDaemon(true);
                return t;
            });
            reporter.scheduleWithFixedDelay(this::report, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            reporter = null;
        }
        log.info("joint inference: mode {}, hard example mining {}, cloud {}", mode.value(), hem, cloud.endpoint());
    }

    public static <I, O> Builder<I, O> builder(Estimator<I, O> edge) {
        return new Builder<>(edge);
    }

    /** Runs one inference; never fails because of the cloud (the edge result stands in). */
    public Result<O> inference(I input) {
        Result<O> r = mode == Mode.INFERENCE_THEN_MINING ? inferenceThenMining(input) : miningThenInference(input);
        statistics.record(r.isHard(), r.usedFallback());
        return r;
    }

    private Result<O> inferenceThenMining(I input) {
        O edgeResult = predictOnEdge(input);
        boolean hard = resultJudge.test(edgeResult);
        if (!hard) {
            return new Result<>(false, edgeResult, null, edgeResult, false);
        }
        Optional<O> cloudResult = predictInCloud(input);
        return cloudResult.map(c -> new Result<>(true, edgeResult, c, c, false))
                .orElseGet(() -> new Result<>(true, edgeResult, null, edgeResult, true));
    }

    private Result<O> miningThenInference(I input) {
        if (!inputJudge.test(input)) {
            O edgeResult = predictOnEdge(input);
            return new Result<>(false, edgeResult, null, edgeResult, false);
        }
        Optional<O> cloudResult = predictInCloud(input);
        if (cloudResult.isPresent()) {
            // Sedna returned the whole {"result": …} here; the result itself is what callers need
            return new Result<>(true, null, cloudResult.get(), cloudResult.get(), false);
        }
        O edgeResult = predictOnEdge(input);
        return new Result<>(true, edgeResult, null, edgeResult, true);
    }

    private O predictOnEdge(I input) {
        long t0 = System.nanoTime();
        O result;
        if (edge.isThreadSafe()) {
            result = edge.predict(input);
        } else {
            synchronized (serial) {
                result = edge.predict(input);
            }
        }
        statistics.edgeLatency(System.nanoTime() - t0);
        return result;
    }

    private Optional<O> predictInCloud(I input) {
        long t0 = System.nanoTime();
        Optional<O> result = cloud.predict(input);
        if (result.isPresent()) {
            statistics.cloudLatency(System.nanoTime() - t0);
        }
        return result;
    }

    public Statistics statistics() {
        return statistics;
    }

    public Mode mode() {
        return mode;
    }

    public HardExampleMining hardExampleMining() {
        return hem;
    }

    public CloudClient<I, O> cloud() {
        return cloud;
    }

    /** Sends the statistics to the LC if they changed since the last report; whether one was accepted. */
    public synchronized boolean report() {
        Statistics.Snapshot s = statistics.snapshot();
        if (lc == null || s.inferenceNumber() == reported) {
            return false;
        }
        boolean ok = lc.post(context.workerInfo(OWNER_KIND, "inference", "running",
                s.toOwnerInfo(Instant.now()), com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode()));
        if (ok) {
            reported = s.inferenceNumber();
        }
        return ok;
    }

    /** Stops reporting, after a last report of what changed. */
    @Override
    public void close() {
        if (reporter != null) {
            reporter.shutdownNow();
            try {
                reporter.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            report();
        }
    }

    public static final class Builder<I, O> {
        private final Estimator<I, O> edge;
        private WorkerContext context;
        private CloudClient<I, O> cloud;
        private Codec<I> input;
        private Codec<O> output;
        private HardExampleMining hem;
        private Mode mode;
        private Predicate<O> resultJudge;
        private Predicate<I> inputJudge;
        private boolean reports = true;
        private LcClient lc;
        private Duration period;

        private Builder(Estimator<I, O> edge) {
            this.edge = Objects.requireNonNull(edge, "edge estimator");
        }

        /** Where HEM_NAME, HEM_PARAMETERS, MINING_MODE, BIG_MODEL_*, LC_SERVER and LC_PERIOD come from (default: env). */
        public Builder<I, O> context(WorkerContext context) {
            this.context = context;
            return this;
        }

        /** The cloud client to use. */
        public Builder<I, O> cloud(CloudClient<I, O> cloud) {
            this.cloud = cloud;
            return this;
        }

        /** Build the cloud client from the context (BIG_MODEL_IP, BIG_MODEL_PORT) with these codecs. */
        public Builder<I, O> codecs(Codec<I> input, Codec<O> output) {
            this.input = input;
            this.output = output;
            return this;
        }

        /** The algorithm (default: HEM_NAME and HEM_PARAMETERS, IBT when unset). */
        public Builder<I, O> hardExampleMining(HardExampleMining hem) {
            this.hem = hem;
            return this;
        }

        /** The mode (default: MINING_MODE). */
        public Builder<I, O> mode(Mode mode) {
            this.mode = mode;
            return this;
        }

        /** Judges an edge result when it is neither a List of Detection nor class probabilities. */
        public Builder<I, O> resultJudge(Predicate<O> judge) {
            this.resultJudge = judge;
            return this;
        }

        /** Judges a raw input in mining-then-inference (e.g. a text router), instead of the algorithm. */
        public Builder<I, O> inputJudge(Predicate<I> judge) {
            this.inputJudge = judge;
            return this;
        }

        /** Report to this LC every {@code period} (default: LC_SERVER every LC_PERIOD). */
        public Builder<I, O> reportTo(LcClient lc, Duration period) {
            this.reports = true;
            this.lc = lc;
            this.period = period;
            return this;
        }

        /** No LC reports (tests, embedded use). */
        public Builder<I, O> noReports() {
            this.reports = false;
            return this;
        }

        public JointInference<I, O> build() {
            return new JointInference<>(this);
        }
    }
}
