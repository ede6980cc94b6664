package io.sedna4j.workers.reid;

import io.sedna4j.backend.onnx.OnnxOptions;
import io.sedna4j.lib.LibException;
import io.sedna4j.lib.WorkerContext;
import io.sedna4j.lib.storage.Storage;
import io.sedna4j.vision.reid.AppearanceDescriptor;
import io.sedna4j.vision.reid.FeatureExtractor;
import io.sedna4j.vision.reid.OnnxFeatureExtractor;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The appearance feature extractor of the feature extraction service and of the ReID job (whose query features must
 * come from the same one): an ONNX ReID model when MODEL_URL names an {@code .onnx} file, else the built-in
 * {@link AppearanceDescriptor}, which needs no file (the demo's Model says {@code url: builtin/appearance-descriptor}).
 * For ONNX, {@code input_shape} ("256,128", height and width, Sedna's variable) sizes a model whose input size is
 * dynamic; {@code intra_op_threads} and the other ONNX options apply.
 */
final class Extractors {
    private Extractors() {
    }

    static FeatureExtractor create(WorkerContext ctx) {
        return create(ctx, "MODEL_URL");
    }

    /**
     * The extractor of the model named by {@code variable}: MODEL_URL for the feature extraction service and the
     * ReID job, FEATURE_MODEL_URL for a camera's worker (whose MODEL_URL is its detector).
     */
    static FeatureExtractor create(WorkerContext ctx, String variable) {
        Optional<String> url = ctx.parameter(variable).map(String::strip).filter(u -> !u.isEmpty());
        if (url.isEmpty() || !url.get().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
            return new AppearanceDescriptor();
        }
        Path model = Storage.of(ctx).resolve(url.get(), variable);
        int[] size = inputShape(ctx.parameter("input_shape", "256,128"));
        return OnnxFeatureExtractor.open(model, OnnxFeatureExtractor.Options.defaults().withSize(size[1], size[0]),
                OnnxOptions.fromParameters(ctx.env()));
    }

    /** Sedna's {@code input_shape}: "height,width". */
    static int[] inputShape(String text) {
        String[] parts = text.split(",");
        try {
            if (parts.length == 2) {
                int h = Integer.parseInt(parts[0].strip());
                int w = Integer.parseInt(parts[1].strip());
                if (h > 0 && w > 0) {
                    return new int[] {h, w};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new LibException("input_shape=\"" + text + "\" is not a height and width; fix: set it like \"256,128\"");
    }
}
