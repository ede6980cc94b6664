package io.sedna4j.vision.reid;

import io.sedna4j.lib.LibException;
import io.sedna4j.vision.Image;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * A handcrafted person-appearance feature that needs no model: colour and gradient histograms over horizontal
 * stripes, the classic hand-made ReID descriptor (clothes are mostly horizontal bands of colour: hair, top, trousers,
 * shoes).
 *
 * <p>The crop is resized to {@code width x height} (128x256) and cut into {@code stripes} (8) horizontal bands; each
 * pixel counts in the two nearest bands by its height (linear interpolation), so a crop shifted by half a band, as
 * loose and tight detector boxes are, changes the feature smoothly. Pixels are weighted by a Gaussian across the
 * width (σ = {@code centreSigma} of it): a weak foreground mask, since the person is in the middle of their box and
 * the background or a neighbour at its sides. Per band:
 * <ul>
 *   <li><b>colour</b>: an HSV histogram in which each pixel splits its weight by its chroma (saturation, faded out in
 *       dark pixels, whose hue is noise) between {@code hueBins} hue bins and {@code greyBins} brightness bins, so
 *       white, grey and black clothes are told apart by brightness and coloured ones by hue;</li>
 *   <li><b>texture</b>: a histogram of {@code orientations} unsigned gradient orientations weighted by gradient
 *       magnitude, at half resolution (HOG's cell statistic: stripes, folds, a plain shirt).</li>
 * </ul>
 * Each histogram is L2-normalised and weighted by {@code colourWeight} or {@code textureWeight}, and the whole
 * vector L2-normalised: the cosine similarity of two crops is the weighted mean over bands of the cosines of their
 * histograms. (Square-rooted histograms, whose dot product is the Bhattacharyya coefficient, were tried: they
 * compress every pair of people into 0.85–0.95, the two people of the sample 0.05 apart instead of 0.2.)
 * Deterministic and thread-safe; about a millisecond per crop.
 */
public final class AppearanceDescriptor implements FeatureExtractor {
    /** Pixels darker than this (V in 0..1) have their chroma faded in proportion: black's hue is noise. */
    private static final float DARK = 0.3f;
    /**
     * Saturation below GREY_SATURATION is grey (camera noise and JPEG give white and grey pixels a little), above
     * FULL_SATURATION fully coloured, in between partly: faded denim (about 0.35) counts as blue, a white shirt as white.
     */
    private static final float GREY_SATURATION = 0.08f;
    private static final float FULL_SATURATION = 0.25f;

    /**
     * @param width          crops are resized to this width (128, the usual ReID input)
     * @param height         and this height (256)
     * @param stripes        horizontal bands (8: head, shoulders, two for the torso, hips, two for the legs, feet)
     * @param hueBins        hue bins per band (16)
     * @param greyBins       brightness bins for unsaturated pixels, black to white (6)
     * @param orientations   gradient orientation bins per band over 0–180° (8)
     * @param centreSigma    width of the Gaussian centre weighting as a fraction of the crop width (0.2: weight 0.6
     *                       a fifth of the width from the middle, 0.04 at the box's edges; on the sample, 0.3 lets
     *                       the neighbour standing at the box's edge shrink the margin between the people by a third)
     * @param colourWeight   weight of the colour histograms in the similarity (1)
     * @param textureWeight  weight of the gradient histograms (0.25: texture changes with pose and background more
     *                       than colour does, and on the sample it narrows the margin a little, 0.25 to 0.21; it is
     *                       kept, lightly, for people dressed in like colours but unlike patterns)
     * @param matchThreshold the cosine similarity at which two crops are probably one person (0.75: on the sample
     *                       video the query person's HOG detections score 0.89–0.93 against the query photos, the
     *                       other person's 0.60–0.68; see {@link Matcher})
     */
    public record Options(int width, int height, int stripes, int hueBins, int greyBins, int orientations,
                          double centreSigma, double colourWeight, double textureWeight, double matchThreshold) {
        public Options {
            if (width < 8 || height < 8 || stripes < 1 || stripes > height / 4 || hueBins < 2 || greyBins < 2
                    || orientations < 2 || !(centreSigma > 0) || !(colourWeight >= 0) || !(textureWeight >= 0)
                    || colourWeight + textureWeight <= 0 || !(matchThreshold > -1 && matchThreshold < 1)) {
                throw new LibException("appearance descriptor options (" + width + "x" + height + ", " + stripes
                        + " stripes, " + hueBins + "/" + greyBins + "/" + orientations + " bins, sigma " + centreSigma
                        + ", weights " + colourWeight + "/" + textureWeight + ", threshold " + matchThreshold + ") are "
                        + "out of range; fix: start from AppearanceDescriptor.Options.defaults() (sizes >= 8, 1 <= "
                        + "stripes <= height/4, >= 2 bins, sigma > 0, weights >= 0 not both 0, threshold in (-1, 1))");
            }
        }

        public static Options defaults() {
            return new Options(128, 256, 8, 16, 6, 8, 0.2, 1, 0.25, 0.75);
        }
    }

    private final Options options;
    private final int colourBins;
    private final float[] columnWeight;
    private final float[] halfColumnWeight;

    public AppearanceDescriptor() {
        this(Options.defaults());
    }

    public AppearanceDescriptor(Options options) {
        this.options = options;
        this.colourBins = options.hueBins() + options.greyBins();
        this.columnWeight = centreWeights(options.width(), options.centreSigma());
        this.halfColumnWeight = centreWeights(options.width() / 2, options.centreSigma());
    }

    public Options options() {
        return options;
    }

    @Override
    public int dimension() {
        return options.stripes() * (colourBins + options.orientations());
    }

    @Override
    public String name() {
        return "appearance";
    }

    @Override
    public double matchThreshold() {
        return options.matchThreshold();
    }

    @Override
    public float[] extract(Image crop) {
        int w = options.width();
        int h = options.height();
        byte[] hsv = new byte[w * h * 3];
        try (Image resized = crop.resize(w, h)) {
            Mat m = new Mat();
            Imgproc.cvtColor(resized.mat(), m, Imgproc.COLOR_BGR2HSV);
            m.get(0, 0, hsv);
            m.release();
        }
        int stripes = options.stripes();
        float[][] colour = new float[stripes][colourBins];
        float[][] texture = new float[stripes][options.orientations()];
        colourHistograms(hsv, colour);
        gradientHistograms(hsv, texture);
        float[] out = new float[dimension()];
        float cw = (float) Math.sqrt(options.colourWeight());
        float tw = (float) Math.sqrt(options.textureWeight());
        int at = 0;
        for (int s = 0; s < stripes; s++) {
            at = put(colour[s], cw, out, at);
            at = put(texture[s], tw, out, at);
        }
        return Features.normalize(out);
    }

    private void colourHistograms(byte[] hsv, float[][] hist) {
        int w = options.width();
        int h = options.height();
        int hueBins = options.hueBins();
        int greyTop = options.greyBins() - 1;
        float hueScale = hueBins / 180f; // OpenCV's 8-bit hue runs 0..179
        for (int y = 0; y < h; y++) {
            Band band = band(y, h);
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                float s = (hsv[i + 1] & 0xff) / 255f;
                float v = (hsv[i + 2] & 0xff) / 255f;
                float chroma = Math.max(0f, Math.min(1f, (s - GREY_SATURATION) / (FULL_SATURATION - GREY_SATURATION)))
                        * Math.min(1f, v / DARK);
                float hue = (hsv[i] & 0xff) * hueScale - 0.5f;
                int h0 = (int) Math.floor(hue);
                float hf = hue - h0;
                int grey = Math.min((int) (v * greyTop), greyTop - 1);
                float gf = v * greyTop - grey;
                float weight = columnWeight[x];
                for (int k = 0; k < 2; k++) {
                    float bw = weight * (k == 0 ? band.lowerShare : 1 - band.lowerShare);
                    if (bw == 0) {
                        continue;
                    }
                    float[] b = hist[k == 0 ? band.lower : band.upper];
                    b[Math.floorMod(h0, hueBins)] += bw * chroma * (1 - hf);
                    b[Math.floorMod(h0 + 1, hueBins)] += bw * chroma * hf;
                    b[hueBins + grey] += bw * (1 - chroma) * (1 - gf);
                    b[hueBins + grey + 1] += bw * (1 - chroma) * gf;
                }
            }
        }
    }

    /** Orientation histograms of the brightness (V) gradient at half resolution: 2x2 blocks averaged first. */
    private void gradientHistograms(byte[] hsv, float[][] hist) {
        int w = options.width();
        int hw = w / 2;
        int hh = options.height() / 2;
        float[] value = new float[hw * hh];
        for (int y = 0; y < hh; y++) {
            for (int x = 0; x < hw; x++) {
                int i = ((2 * y) * w + 2 * x) * 3 + 2;
                value[y * hw + x] = ((hsv[i] & 0xff) + (hsv[i + 3] & 0xff) + (hsv[i + w * 3] & 0xff)
                        + (hsv[i + w * 3 + 3] & 0xff)) / 4f;
            }
        }
        int bins = options.orientations();
        float binScale = (float) (bins / Math.PI);
        for (int y = 1; y < hh - 1; y++) {
            Band band = band(y, hh);
            for (int x = 1; x < hw - 1; x++) {
                float gx = value[y * hw + x + 1] - value[y * hw + x - 1];
                float gy = value[(y + 1) * hw + x] - value[(y - 1) * hw + x];
                float magnitude = (float) Math.sqrt(gx * gx + gy * gy);
                if (magnitude == 0) {
                    continue;
                }
                double angle = Math.atan2(gy, gx);
                float pos = (float) ((angle < 0 ? angle + Math.PI : angle) * binScale) - 0.5f;
                int o0 = (int) Math.floor(pos);
                float of = pos - o0;
                float weight = magnitude * halfColumnWeight[x];
                hist[band.lower][Math.floorMod(o0, bins)] += weight * band.lowerShare * (1 - of);
                hist[band.lower][Math.floorMod(o0 + 1, bins)] += weight * band.lowerShare * of;
                hist[band.upper][Math.floorMod(o0, bins)] += weight * (1 - band.lowerShare) * (1 - of);
                hist[band.upper][Math.floorMod(o0 + 1, bins)] += weight * (1 - band.lowerShare) * of;
            }
        }
    }

    /** The two bands row {@code y} of {@code rows} counts in, and the share of the first, by distance to their centres. */
    private Band band(int y, int rows) {
        int stripes = options.stripes();
        float pos = (y + 0.5f) * stripes / rows - 0.5f;
        if (pos <= 0) {
            return new Band(0, 0, 1);
        }
        if (pos >= stripes - 1) {
            return new Band(stripes - 1, stripes - 1, 1);
        }
        int lower = (int) pos;
        return new Band(lower, lower + 1, 1 - (pos - lower));
    }

    private record Band(int lower, int upper, float lowerShare) {
    }

    /** Appends the histogram L2-normalised and scaled by {@code weight}. */
    private static int put(float[] hist, float weight, float[] out, int at) {
        double sum = 0;
        for (float v : hist) {
            sum += v * v;
        }
        float scale = sum > 0 ? (float) (weight / Math.sqrt(sum)) : 0;
        for (float v : hist) {
            out[at++] = v * scale;
        }
        return at;
    }

    private static float[] centreWeights(int n, double sigma) {
        float[] weights = new float[n];
        for (int x = 0; x < n; x++) {
            double d = ((x + 0.5) / n - 0.5) / sigma;
            weights[x] = (float) Math.exp(-0.5 * d * d);
        }
        return weights;
    }
}
