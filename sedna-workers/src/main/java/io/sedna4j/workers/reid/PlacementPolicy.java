package io.sedna4j.workers.reid;

import io.sedna4j.lib.LibException;
import java.util.Locale;

/**
 * Where one camera's features are extracted, frame by frame: at the edge (the video analytics worker extracts them
 * and only embeddings, plus crops unless in privacy mode, leave the node) or in the cloud (crops travel to the
 * feature extraction service). Pure: it is told each frame's measurements and answers the next frame's placement.
 *
 * <p>The edge's load is the per-frame time of its own stages (decode, detect, track, crop) plus, at the edge, the
 * extraction, smoothed, against the sampling budget (1/fps). At the edge, a load above {@code high} × budget moves
 * extraction to the cloud, unless the cloud path lags (messages waiting to be delivered, at least {@code lagHigh}).
 * In the cloud, extraction comes back when the projected edge load (with the last measured extraction cost) is
 * below {@code low} × budget, or when the cloud path lags and the edge could keep up. The gap between {@code low}
 * and {@code high}, and {@code dwellFrames} between switches, keep it from flapping. {@code auto} starts at the
 * edge, which measures what extraction costs there. {@code privacy: edge-only} pins it to the edge.
 */
final class PlacementPolicy {
    enum Placement { EDGE, CLOUD }

    enum Mode {
        AUTO, EDGE, CLOUD;

        static Mode parse(String text) {
            for (Mode m : values()) {
                if (m.name().equalsIgnoreCase(text.strip())) {
                    return m;
                }
            }
            throw new LibException("feature_extraction=\"" + text + "\" is not a placement; fix: set it to auto "
                    + "(chosen at run time from the edge's load), edge or cloud");
        }
    }

    /**
     * @param budgetMs    the time a frame may take at the edge: 1000 / fps
     * @param high        above this share of the budget the edge is overloaded
     * @param low         below this share the edge has room for extraction
     * @param lagHigh     messages waiting for delivery at which the cloud path counts as lagging
     * @param dwellFrames frames between two switches at least
     * @param smoothing   weight of a new measurement in the moving averages (0 to 1)
     */
    record Options(double budgetMs, double high, double low, long lagHigh, int dwellFrames, double smoothing) {
        Options {
            if (!(budgetMs > 0) || !(low > 0) || !(high > low) || lagHigh < 1 || dwellFrames < 0
                    || !(smoothing > 0 && smoothing <= 1)) {
                throw new IllegalArgumentException("placement options out of range: " + budgetMs + " ms, low " + low
                        + ", high " + high + ", lag " + lagHigh + ", dwell " + dwellFrames + ", smoothing "
                        + smoothing);
            }
        }

        /** For frames sampled at {@code fps}: 90% and 60% of the budget, 8 messages of lag, 10 frames' dwell. */
        static Options forFps(double fps) {
            return new Options(1000 / fps, 0.9, 0.6, 8, 10, 0.3);
        }
    }

    private final Mode mode;
    private final boolean edgeOnly;
    private final Options options;
    private Placement current;
    private double edgeMs = Double.NaN;
    private double extractMs = Double.NaN;
    private int sinceSwitch;
    private int switches;

    PlacementPolicy(Mode mode, boolean edgeOnly, Options options) {
        if (edgeOnly && mode == Mode.CLOUD) {
            throw new LibException("privacy edge-only forbids person crops leaving the node, but feature_extraction "
                    + "is cloud; fix: set feature_extraction to edge or auto, or privacy to none");
        }
        this.mode = mode;
        this.edgeOnly = edgeOnly;
        this.options = options;
        this.current = mode == Mode.CLOUD ? Placement.CLOUD : Placement.EDGE;
    }

    Placement current() {
        return current;
    }

    int switches() {
        return switches;
    }

    boolean edgeOnly() {
        return edgeOnly;
    }

    /** The smoothed edge load of the current placement, or, in the cloud, what extracting at the edge would make it. */
    double projectedEdgeMs() {
        return Double.isNaN(edgeMs) ? 0 : edgeMs + (Double.isNaN(extractMs) ? 0 : extractMs);
    }

    /**
     * One frame's measurements; returns the placement of the next frame.
     *
     * @param stageMs   the edge's own stages for this frame (decode, detect, track, crop), in ms
     * @param extractMs the extraction at the edge for this frame, or NaN when it was extracted in the cloud
     * @param lag       messages published but not yet delivered
     */
    Placement next(double stageMs, double extractMs, long lag) {
        edgeMs = smooth(edgeMs, stageMs);
        if (!Double.isNaN(extractMs)) {
            this.extractMs = smooth(this.extractMs, extractMs);
        }
        sinceSwitch++;
        if (mode != Mode.AUTO || edgeOnly || sinceSwitch < options.dwellFrames()) {
            return current;
        }
        double load = projectedEdgeMs();
        boolean lagging = lag >= options.lagHigh();
        Placement wanted = current;
        if (current == Placement.EDGE && load > options.high() * options.budgetMs() && !lagging) {
            wanted = Placement.CLOUD;
        } else if (current == Placement.CLOUD && (load < options.low() * options.budgetMs()
                || lagging && load < options.high() * options.budgetMs())) {
            wanted = Placement.EDGE;
        }
        if (wanted != current) {
            current = wanted;
            sinceSwitch = 0;
            switches++;
        }
        return current;
    }

    private double smooth(double average, double sample) {
        return Double.isNaN(average) ? sample : average + options.smoothing() * (sample - average);
    }

    static String name(Placement p) {
        return p.name().toLowerCase(Locale.ROOT);
    }
}
