package io.sedna4j.vision.reid;

import io.sedna4j.backend.onnx.OnnxEstimator;
import io.sedna4j.backend.onnx.OnnxOptions;
import io.sedna4j.backend.onnx.TensorSpec;
import io.sedna4j.lib.LibException;
import io.sedna4j.lib.estimator.NamedTensors;
import io.sedna4j.vision.ChannelOrder;
import io.sedna4j.vision.Image;
import io.sedna4j.vision.TensorLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Any ONNX person-ReID model (OSNet, M3L, … exported from PyTorch) as a {@link FeatureExtractor}: the crop is resized
 * to the model's input (256x128 by default, Sedna's {@code input_shape}), normalised as the model was trained, run
 * through {@link OnnxEstimator}, and the first output, flattened, L2-normalised (M3L normalises already; OSNet does
 * not). A model whose input declares its height and width is fed that size whatever the options say; options size
 * the dynamic ones. Thread-safe like ONNX Runtime's sessions.
 */
public final class OnnxFeatureExtractor implements FeatureExtractor {
    /**
     * @param width          input width where the model leaves it open (128)
     * @param height         input height where the model leaves it open (256)
     * @param mean           per-channel mean subtracted after scaling to 0..1, in {@code order} (ImageNet's)
     * @param std            per-channel standard deviation divided by (ImageNet's)
     * @param order          channel order the model was trained with (RGB: torchvision)
     * @param layout         tensor layout (NCHW: PyTorch)
     * @param matchThreshold cosine similarity of a likely match: Sedna's ReID worker default, 0.75, made for M3L
     */
    public record Options(int width, int height, float[] mean, float[] std, ChannelOrder order, TensorLayout layout,
                          double matchThreshold) {
        public Options {
            if (width < 1 || height < 1 || mean == null || std == null || mean.length != 3 || std.length != 3
                    || order == null || layout == null || !(matchThreshold > -1 && matchThreshold < 1)) {
                throw new LibException("ONNX feature extractor options (" + width + "x" + height + ", mean "
                        + Arrays.toString(mean) + ", std " + Arrays.toString(std) + ", " + order + ", " + layout
                        + ", threshold " + matchThreshold + ") are incomplete or out of range; fix: start from "
                        + "OnnxFeatureExtractor.Options.defaults() (3 means, 3 positive stds, threshold in (-1, 1))");
            }
            for (float s : std) {
                if (!(s > 0)) {
                    throw new LibException("ONNX feature extractor std " + Arrays.toString(std) + " has a value <= 0; "
                            + "fix: give the model's per-channel standard deviations, e.g. 0.229, 0.224, 0.225");
                }
            }
            mean = mean.clone();
            std = std.clone();
        }

        public static Options defaults() {
            return new Options(128, 256, new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f},
                    ChannelOrder.RGB, TensorLayout.NCHW, 0.75);
        }

        public Options withSize(int w, int h) {
            return new Options(w, h, mean, std, order, layout, matchThreshold);
        }

        public Options withMatchThreshold(double threshold) {
            return new Options(width, height, mean, std, order, layout, threshold);
        }
    }

    private final OnnxEstimator model;
    private final Options options;
    private final String inputName;
    private final long[] shape;
    private final int width;
    private final int height;
    private final int dimension;
    private final String name;

    private OnnxFeatureExtractor(OnnxEstimator model, Options options, String inputName, int width, int height) {
        this.model = model;
        this.options = options;
        this.inputName = inputName;
        this.width = width;
        this.height = height;
        this.shape = options.layout() == TensorLayout.NCHW ? new long[] {1, 3, height, width}
                : new long[] {1, height, width, 3};
        this.name = "onnx:" + model.modelFile().getFileName();
        try (Image grey = Image.fromBgr(1, 1, new byte[] {(byte) 128, (byte) 128, (byte) 128})) {
            this.dimension = output(model.predict(feed(input(grey)))).length; // a probe run: the size, and that it runs
        }
        if (dimension == 0) {
            throw new LibException("ReID model " + model.modelFile() + " returns an empty output; fix: export the "
                    + "model with its feature vector as the first output");
        }
    }

    public static OnnxFeatureExtractor open(Path model) {
        return open(model, Options.defaults(), OnnxOptions.defaults());
    }

    /** Loads {@code model} (an .onnx file, or a directory holding one) and runs it once on a grey crop. */
    public static OnnxFeatureExtractor open(Path model, Options options, OnnxOptions onnxOptions) {
        OnnxEstimator onnx = OnnxEstimator.open(model, onnxOptions);
        try {
            List<TensorSpec> inputs = onnx.inputs();
            if (inputs.size() != 1 || inputs.get(0).rank() != 4) {
                throw new LibException("ReID model " + onnx.modelFile() + " has inputs " + inputs + "; fix: use a model "
                        + "with one image input of rank 4 (" + (options.layout() == TensorLayout.NCHW
                        ? "[N,3,H,W]" : "[N,H,W,3]") + ")");
            }
            long[] declared = inputs.get(0).shape();
            boolean nchw = options.layout() == TensorLayout.NCHW;
            int h = declared[nchw ? 2 : 1] > 0 ? (int) declared[nchw ? 2 : 1] : options.height();
            int w = declared[nchw ? 3 : 2] > 0 ? (int) declared[nchw ? 3 : 2] : options.width();
            return new OnnxFeatureExtractor(onnx, options, inputs.get(0).name(), w, h);
        } catch (RuntimeException e) {
            onnx.close();
            throw e;
        }
    }

    @Override
    public float[] extract(Image crop) {
        return Features.normalize(output(model.predict(feed(input(crop)))));
    }

    /** One stacked run per batch when the model's batch dimension is dynamic. */
    @Override
    public List<float[]> extractAll(List<Image> crops) {
        List<NamedTensors> inputs = new ArrayList<>(crops.size());
        for (Image crop : crops) {
            inputs.add(feed(input(crop)));
        }
        List<float[]> out = new ArrayList<>(crops.size());
        for (NamedTensors result : model.predict(inputs)) {
            out.add(Features.normalize(output(result)));
        }
        return out;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double matchThreshold() {
        return options.matchThreshold();
    }

    /** The input size fed to the model, width then height. */
    public int[] inputSize() {
        return new int[] {width, height};
    }

    @Override
    public void close() {
        model.close();
    }

    private NamedTensors feed(float[] values) {
        return new NamedTensors(Map.of(inputName, new NamedTensors.Tensor(shape, values)));
    }

    private float[] output(NamedTensors result) {
        if (result.tensors().isEmpty()) {
            throw new LibException("ReID model " + model.modelFile() + " returned no tensor; fix: export the model with "
                    + "its feature vector as a float output");
        }
        return result.tensors().values().iterator().next().values();
    }

    /** The crop as the model's input: resized, scaled to 0..1, normalised per channel. */
    float[] input(Image crop) {
        float[] values;
        try (Image resized = crop.resize(width, height)) {
            values = resized.toTensor(options.layout(), options.order(), 1 / 255f).values();
        }
        int plane = width * height;
        boolean nchw = options.layout() == TensorLayout.NCHW;
        for (int i = 0; i < values.length; i++) {
            int c = nchw ? i / plane : i % 3;
            values[i] = (values[i] - options.mean()[c]) / options.std()[c];
        }
        return values;
    }
}
