package io.sedna4j.workers.federated;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.dataset.Idx;
import io.sedna4j.lib.estimator.Example;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fashion-MNIST from the Debian package {@code dataset-fashion-mnist} (IDX files), as 1×28×28 images scaled to
 * [0, 1]. Stands in until the project's {@code FashionMnist} loader replaces it.
 */
public final class FashionMnistFiles {
    public static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");

    private FashionMnistFiles() {
    }

    /** {@code train} or {@code t10k}, the first {@code limit} examples (all when limit ≤ 0). */
    public static List<Example<float[]>> load(Path dir, String split, int limit) {
        Path images = dir.resolve(split + "-images-idx3-ubyte.gz");
        Path labels = dir.resolve(split + "-labels-idx1-ubyte.gz");
        if (!Files.isRegularFile(images) || !Files.isRegularFile(labels)) {
            throw new LibException("Fashion-MNIST is not in " + dir + " (no " + images.getFileName() + "); fix: "
                    + "apt-get install dataset-fashion-mnist, or set TRAIN_DATASET_URL to a directory with its IDX files");
        }
        Idx x = Idx.read(images);
        Idx y = Idx.read(labels);
        int n = limit > 0 ? Math.min(limit, x.count()) : x.count();
        List<Example<float[]>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] pixels = new float[x.itemSize()];
            for (int j = 0; j < pixels.length; j++) {
                pixels[j] = x.value(i, j) / 255f;
            }
            out.add(new Example<>(pixels, y.value(i, 0)));
        }
        return out;
    }

    /** The examples whose numbers {@code index} lists, one per line (a Dataset's index file). */
    static List<Example<float[]>> select(List<Example<float[]>> all, Path index) throws IOException {
        List<Example<float[]>> out = new ArrayList<>();
        int line = 0;
        for (String text : Files.readAllLines(index)) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            int i;
            try {
                i = Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                i = -1;
            }
            if (i < 0 || i >= all.size()) {
                throw new LibException(index + ":" + line + ": \"" + text.trim() + "\" is not a sample number from 0 to "
                        + (all.size() - 1) + "; fix: list one Fashion-MNIST training sample number per line");
            }
            out.add(all.get(i));
        }
        return out;
    }
}
