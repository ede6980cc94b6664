package io.sedna4j.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Multi-document YAML files as trees, for the tests of deploy/. */
final class Yaml {
    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());

    private Yaml() {
    }

    static List<JsonNode> documents(Path file) {
        try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(Files.newBufferedReader(file))) {
            List<JsonNode> docs = new ArrayList<>();
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(doc);
                }
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    static JsonNode document(Path file) {
        List<JsonNode> docs = documents(file);
        if (docs.size() != 1) {
            throw new AssertionError(file + " holds " + docs.size() + " documents, not one");
        }
        return docs.get(0);
    }
}
