package io.sedna4j.workers.federated;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.sedna4j.api.codec.ResourceCodec;
import io.sedna4j.lib.federated.RoundSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * The aggregation worker's round history, for people and the demo: {@code rounds.json} (everything) and
 * {@code rounds.csv} ({@code round,clients,samples,test_accuracy,test_loss,train_loss}), each written whole.
 */
final class RoundFiles {
    private RoundFiles() {
    }

    static void write(Path dir, List<RoundSummary> history) throws IOException {
        ArrayNode rounds = ResourceCodec.json().createArrayNode();
        StringBuilder csv = new StringBuilder("round,clients,samples,test_accuracy,test_loss,train_loss\n");
        for (RoundSummary r : history) {
            rounds.add(ResourceCodec.json().valueToTree(r));
            csv.append(String.format(Locale.ROOT, "%d,%d,%d,%s,%s,%s%n", r.round(), r.participants().size(),
                    r.samples(), value(r.evaluation().get("accuracy")), value(r.evaluation().get("loss")),
                    value(r.training().get("loss"))));
        }
        atomically(dir.resolve("rounds.json"), ResourceCodec.toPrettyJson(rounds).getBytes(StandardCharsets.UTF_8));
        atomically(dir.resolve("rounds.csv"), csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String value(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static void atomically(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
