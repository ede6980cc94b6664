package io.sedna4j.backend.tfjs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.sedna4j.lib.LibException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.proto.GraphDef;

/**
 * A TF.js graph model's {@code model.json}: the topology (a GraphDef in proto3 JSON form, with empty Const nodes),
 * the weights manifest that fills those nodes from binary shards, and the signature's output names.
 */
record ModelJson(Path file, GraphDef.Builder graph, List<WeightGroup> groups, List<String> signatureOutputs) {

    /** One manifest group: its weights are stored back to back across its shard files, in this order. */
    record WeightGroup(List<Path> shards, List<WeightSpec> weights) {
    }

    /**
     * One weight: the Const node it fills, its shape and stored dtype, and how it was quantised by the converter
     * ({@code quantDtype} null when stored as is).
     */
    record WeightSpec(String name, long[] shape, String dtype, String quantDtype, double scale, double min) {
        long count() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    static ModelJson read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new LibException("TF.js model " + file + " is not valid JSON (line " + e.getLocation().getLineNr()
                    + "): " + e.getOriginalMessage() + "; fix: fetch the model again (bin/fetch-models)");
        } catch (IOException e) {
            throw new LibException("TF.js model " + file + " cannot be read: " + e.getMessage()
                    + "; fix: check the file's permissions");
        }
        String format = root.path("format").asText("graph-model");
        JsonNode topology = root.path("modelTopology");
        if (!format.equals("graph-model") || !topology.has("node")) {
            throw new LibException("TF.js model " + file + " is a '" + format + "', not a graph model (no modelTopology.node)"
                    + "; fix: convert it with tensorflowjs_converter --output_format=tfjs_graph_model");
        }
        GraphDef.Builder graph = GraphDef.newBuilder();
        try {
            JsonFormat.parser().ignoringUnknownFields().merge(topology.toString(), graph);
        } catch (InvalidProtocolBufferException e) {
            throw new LibException("TF.js model " + file + ": modelTopology is not a GraphDef: " + e.getMessage()
                    + "; fix: convert the model again with tensorflowjs_converter");
        }
        List<String> outputs = new ArrayList<>();
        root.path("signature").path("outputs").properties().forEach(e -> outputs.add(e.getValue().path("name").asText(e.getKey())));
        return new ModelJson(file, graph, groups(file, root.path("weightsManifest")), outputs);
    }

    private static List<WeightGroup> groups(Path file, JsonNode manifest) {
        List<WeightGroup> groups = new ArrayList<>();
        Path dir = file.toAbsolutePath().getParent();
        for (JsonNode g : manifest) {
            List<Path> shards = new ArrayList<>();
            g.path("paths").forEach(p -> shards.add(dir.resolve(p.asText())));
            List<WeightSpec> weights = new ArrayList<>();
            for (JsonNode w : g.path("weights")) {
                long[] shape = new long[w.path("shape").size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = w.path("shape").get(i).asLong();
                }
                JsonNode q = w.get("quantization");
                weights.add(new WeightSpec(w.path("name").asText(), shape, w.path("dtype").asText("float32"),
                        q == null ? null : q.path("dtype").asText(),
                        q == null ? 1 : q.path("scale").asDouble(1), q == null ? 0 : q.path("min").asDouble(0)));
            }
            groups.add(new WeightGroup(shards, weights));
        }
        return groups;
    }
}
