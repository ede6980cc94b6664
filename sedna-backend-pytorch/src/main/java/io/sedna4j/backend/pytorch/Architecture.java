package io.sedna4j.backend.pytorch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedna4j.lib.LibException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * What network a {@link TorchClassifier} builds, saved as {@code architecture.json} next to its weights so that
 * {@code load} can rebuild it.
 *
 * <ul>
 *   <li>{@link Kind#MLP}: flatten, then {@code Linear(h) → ReLU} for each of {@code hidden}, then
 *       {@code Linear(classes)}.</li>
 *   <li>{@link Kind#CNN}: for each of {@code channels}, {@code Conv2d(3×3, padding 1) → ReLU → MaxPool(2×2)}; then
 *       flatten and the MLP head above. The input is {@code channels × height × width}, e.g. 1×28×28 for
 *       Fashion-MNIST.</li>
 * </ul>
 *
 * @param kind       MLP or CNN
 * @param inputShape one example's shape without the batch: {@code [features]} or {@code [channels, height, width]}
 * @param classes    how many classes the output scores
 * @param channels   convolution filters per stage (CNN only; empty for an MLP)
 * @param hidden     units of the hidden dense layers
 */
public record Architecture(Kind kind, long[] inputShape, int classes, int[] channels, int[] hidden) {
    static final String FILE = "architecture.json";
    private static final String FORMAT = "sedna4j-torch-classifier";
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Kind { MLP, CNN }

    public Architecture {
        inputShape = inputShape.clone();
        channels = channels.clone();
        hidden = hidden.clone();
        validate(kind, inputShape, classes, channels, hidden);
    }

    /** A multi-layer perceptron over {@code features} inputs. */
    public static Architecture mlp(int features, int classes, int... hidden) {
        return new Architecture(Kind.MLP, new long[] {features}, classes, new int[0], hidden);
    }

    /** A small convolutional network over {@code channels × height × width} images. */
    public static Architecture cnn(long[] chw, int classes, int[] channels, int... hidden) {
        return new Architecture(Kind.CNN, chw, classes, channels, hidden);
    }

    /** conv(16)-pool-conv(32)-pool-dense(64)-dense(10) over 1×28×28 images: Fashion-MNIST, MNIST. */
    public static Architecture smallImageCnn() {
        return cnn(new long[] {1, 28, 28}, 10, new int[] {16, 32}, 64);
    }

    @Override
    public long[] inputShape() {
        return inputShape.clone();
    }

    @Override
    public int[] channels() {
        return channels.clone();
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /** Values in one example: the product of {@link #inputShape()}. */
    public int inputSize() {
        return Math.toIntExact(Arrays.stream(inputShape).reduce(1, (a, b) -> a * b));
    }

    void write(Path directory) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT).put("version", 1).put("kind", kind.name().toLowerCase(Locale.ROOT));
        ArrayNode shape = root.putArray("inputShape");
        Arrays.stream(inputShape).forEach(shape::add);
        root.put("classes", classes);
        ArrayNode conv = root.putArray("channels");
        Arrays.stream(channels).forEach(conv::add);
        ArrayNode dense = root.putArray("hidden");
        Arrays.stream(hidden).forEach(dense::add);
        JSON.writerWithDefaultPrettyPrinter().writeValue(directory.resolve(FILE).toFile(), root);
    }

    static Architecture read(Path directory) {
        Path file = directory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new LibException("PyTorch model directory " + directory + " has no " + FILE + "; fix: point to a "
                    + "directory written by TorchClassifier.save (it holds " + FILE + " and classifier-0000.params)");
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (!FORMAT.equals(root.path("format").asText())) {
                throw new LibException(file + " is not a Sedna4J classifier description (format is \""
                        + root.path("format").asText() + "\", expected \"" + FORMAT + "\"); fix: save the model with "
                        + "TorchClassifier.save");
            }
            String kind = root.path("kind").asText();
            if (!kind.equals("mlp") && !kind.equals("cnn")) {
                throw new LibException(file + ": kind is \"" + kind + "\"; fix: use mlp or cnn");
            }
            return new Architecture(Kind.valueOf(kind.toUpperCase(Locale.ROOT)), longs(root.path("inputShape")),
                    root.path("classes").asInt(0), ints(root.path("channels")), ints(root.path("hidden")));
        } catch (IOException e) {
            throw new LibException("could not read " + file + ": " + e.getMessage() + "; fix: save the model again "
                    + "with TorchClassifier.save", e);
        } catch (LibException e) {
            throw e.getMessage().startsWith(file.toString()) ? e : new LibException(file + ": " + e.getMessage(), e);
        }
    }

    private static long[] longs(JsonNode array) {
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asLong();
        }
        return values;
    }

    private static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }

    private static void validate(Kind kind, long[] inputShape, int classes, int[] channels, int[] hidden) {
        if (kind == null) {
            throw new LibException("architecture has no kind; fix: use Architecture.mlp or Architecture.cnn");
        }
        if (classes < 2) {
            throw new LibException("architecture has " + classes + " classes; fix: give at least 2");
        }
        if (Arrays.stream(inputShape).anyMatch(d -> d < 1) || Arrays.stream(channels).anyMatch(c -> c < 1)
                || Arrays.stream(hidden).anyMatch(h -> h < 1)) {
            throw new LibException("architecture " + kind + " has a size below 1 (input " + Arrays.toString(inputShape)
                    + ", channels " + Arrays.toString(channels) + ", hidden " + Arrays.toString(hidden)
                    + "); fix: give positive sizes");
        }
        if (kind == Kind.MLP && (inputShape.length != 1 || channels.length > 0)) {
            throw new LibException("an MLP takes input shape [features] and no channels, not input "
                    + Arrays.toString(inputShape) + " with channels " + Arrays.toString(channels)
                    + "; fix: use Architecture.mlp(features, classes, hidden...) or a CNN");
        }
        if (kind == Kind.CNN) {
            long smallest = 1L << channels.length;
            if (inputShape.length != 3 || channels.length == 0 || inputShape[1] < smallest
                    || inputShape[2] < smallest) {
                throw new LibException("a CNN takes input shape [channels, height, width] at least " + smallest
                        + " pixels high and wide (each stage halves them) and one or more conv stages, not input "
                        + Arrays.toString(inputShape) + " with channels " + Arrays.toString(channels)
                        + "; fix: e.g. Architecture.cnn(new long[] {1, 28, 28}, 10, new int[] {16, 32}, 64)");
            }
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Architecture that && kind == that.kind && classes == that.classes
                && Arrays.equals(inputShape, that.inputShape) && Arrays.equals(channels, that.channels)
                && Arrays.equals(hidden, that.hidden);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Arrays.hashCode(inputShape) + 7 * classes;
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + " input " + Arrays.toString(inputShape) + ", classes " + classes
                + (channels.length > 0 ? ", channels " + Arrays.toString(channels) : "")
                + ", hidden " + Arrays.toString(hidden);
    }
}
