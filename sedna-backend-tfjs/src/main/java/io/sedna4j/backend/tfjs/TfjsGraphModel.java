package io.sedna4j.backend.tfjs;

import io.sedna4j.lib.LibException;
import io.sedna4j.lib.estimator.NamedTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorShapeProto;

/**
 * A TF.js graph model (a {@code model.json} and its {@code .bin} weight shards, as {@code tensorflowjs_converter}
 * writes them) running in TensorFlow Java. Loading rebuilds the frozen GraphDef: topology from the JSON, weights
 * dequantised into its Const nodes, converter-only op names fixed ({@link GraphFixes}). Thread-safe: {@link #run}
 * may be called concurrently.
 *
 * <p>Tensors cross this API as {@link NamedTensors} (float32): integer inputs are rounded into the graph's int
 * placeholders, integer and bool outputs come back as floats.
 */
public final class TfjsGraphModel implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TfjsGraphModel.class);

    private final Path modelJson;
    private final List<Path> files;
    private final Graph graph;
    private final Session session;
    private final List<TensorSpec> inputs;
    private final List<TensorSpec> outputs;

    private TfjsGraphModel(Path modelJson, List<Path> files, Graph graph, List<TensorSpec> inputs, List<String> outputNames) {
        this.modelJson = modelJson;
        this.files = List.copyOf(files);
        this.graph = graph;
        this.session = new Session(graph);
        this.inputs = List.copyOf(inputs);
        this.outputs = outputNames.stream().map(this::describe).toList();
    }

    /**
     * Loads a model from its {@code .json} file, or from a directory holding {@code model.json} (or exactly one
     * {@code .json}).
     */
    public static TfjsGraphModel load(Path path) {
        Path json = locate(path);
        long start = System.nanoTime();
        ModelJson model = ModelJson.read(json);
        long bytes = Weights.fill(model);
        int fixed = GraphFixes.apply(model.graph());
        GraphDef def = model.graph().build();
        Graph graph = newGraph(json);
        try {
            graph.importGraphDef(def);
        } catch (RuntimeException e) {
            graph.close();
            throw new LibException("TF.js model " + json + " does not import into TensorFlow 2.18: " + firstLine(e)
                    + "; fix: the graph uses an op this TensorFlow lacks; convert the model again with a current tensorflowjs_converter");
        }
        List<Path> files = new ArrayList<>(List.of(json));
        model.groups().forEach(g -> files.addAll(g.shards()));
        TfjsGraphModel loaded = new TfjsGraphModel(json, files, graph, placeholders(def),
                model.signatureOutputs().isEmpty() ? sinks(def) : model.signatureOutputs());
        log.info("Loaded TF.js graph model {}: {} nodes ({} rewritten), {} KB of weights, inputs {}, outputs {}, in {} ms",
                json, def.getNodeCount(), fixed, bytes / 1024, loaded.inputs, loaded.outputs, (System.nanoTime() - start) / 1_000_000);
        return loaded;
    }

    /** The model.json this model came from. */
    public Path source() {
        return modelJson;
    }

    /** model.json and its weight shards: what a copy of this model needs. */
    public List<Path> files() {
        return files;
    }

    /** The graph's placeholders, in graph order. */
    public List<TensorSpec> inputs() {
        return inputs;
    }

    /** The signature's outputs, or, without a signature, the nodes nothing else reads. */
    public List<TensorSpec> outputs() {
        return outputs;
    }

    /** Runs the graph and fetches every output of {@link #outputs()}. */
    public NamedTensors run(NamedTensors feeds) {
        return run(feeds, outputs.stream().map(TensorSpec::name).toList());
    }

    /**
     * Runs the graph on {@code feeds} (input name → tensor) and returns {@code fetches} (any node, {@code name} or
     * {@code name:index}), keyed as asked.
     */
    public NamedTensors run(NamedTensors feeds, List<String> fetches) {
        Session.Runner runner = session.runner();
        List<Tensor> owned = new ArrayList<>();
        try {
            for (Map.Entry<String, NamedTensors.Tensor> feed : feeds.tensors().entrySet()) {
                TensorSpec spec = inputs.stream().filter(i -> i.name().equals(Ref.of(feed.getKey()).display())).findFirst()
                        .orElseThrow(() -> new LibException("TF.js model " + modelJson + " has no input '" + feed.getKey()
                                + "'; fix: feed one of " + inputs));
                Tensor tensor = Tensors.toTensor(spec, feed.getValue(), modelJson);
                owned.add(tensor);
                runner.feed(Ref.of(spec.name()).op(), Ref.of(spec.name()).index(), tensor);
            }
            for (String fetch : fetches) {
                Ref ref = checked(fetch);
                runner.fetch(ref.op(), ref.index());
            }
            Map<String, NamedTensors.Tensor> out = new LinkedHashMap<>();
            try (Result result = runner.run()) {
                for (int i = 0; i < fetches.size(); i++) {
                    out.put(fetches.get(i), Tensors.fromTensor(result.get(i), fetches.get(i), modelJson));
                }
            }
            return new NamedTensors(out);
        } catch (LibException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new LibException("TF.js model " + modelJson + " failed to run with inputs " + describe(feeds)
                    + ": " + firstLine(e) + "; fix: feed every input of " + inputs + " with its shape");
        } finally {
            owned.forEach(Tensor::close);
        }
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }

    private Ref checked(String name) {
        Ref ref = Ref.of(name);
        GraphOperation op = graph.operation(ref.op());
        if (op == null || ref.index() >= op.numOutputs()) {
            throw new LibException("TF.js model " + modelJson + " has no tensor '" + name + "'; fix: fetch one of " + outputs);
        }
        return ref;
    }

    private TensorSpec describe(String name) {
        Ref ref = checked(name);
        Output<?> out = graph.operation(ref.op()).output(ref.index());
        long[] shape = out.shape().isUnknown() ? new long[0] : out.shape().asArray();
        return new TensorSpec(ref.display(), out.dataType().name(), shape);
    }

    private static String describe(NamedTensors feeds) {
        StringBuilder b = new StringBuilder("{");
        feeds.tensors().forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append(k).append(Arrays.toString(v.shape())));
        return b.append('}').toString();
    }

    private static Path locate(Path path) {
        if (Files.isRegularFile(path)) {
            return path;
        }
        if (Files.isDirectory(path)) {
            if (Files.isRegularFile(path.resolve("model.json"))) {
                return path.resolve("model.json");
            }
            List<Path> jsons;
            try (Stream<Path> list = Files.list(path)) {
                jsons = list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
            } catch (IOException e) {
                throw new LibException("TF.js model directory " + path + " cannot be listed: " + e.getMessage()
                        + "; fix: check its permissions");
            }
            if (jsons.size() == 1) {
                return jsons.get(0);
            }
            throw new LibException("TF.js model directory " + path + " holds " + (jsons.isEmpty() ? "no .json file" : "several: " + jsons)
                    + "; fix: pass the path of the model's .json file");
        }
        throw new LibException("TF.js model " + path + " does not exist; fix: run bin/fetch-models for CenterNet and NanoDet"
                + ", or pass the path of a model.json written by tensorflowjs_converter");
    }

    private static Graph newGraph(Path json) {
        try {
            return new Graph();
        } catch (LinkageError e) {
            throw new LibException("TensorFlow's native library did not load for " + json + ": " + e
                    + "; fix: run on linux-x86_64 (the platform of tensorflow-core-native), with disk space in "
                    + "org.bytedeco.javacpp.cachedir (about 700 MB unpacked)", e);
        }
    }

    private static List<TensorSpec> placeholders(GraphDef def) {
        List<TensorSpec> specs = new ArrayList<>();
        for (NodeDef node : def.getNodeList()) {
            if (node.getOp().equals("Placeholder")) {
                TensorShapeProto shape = node.getAttrOrDefault("shape", AttrValue.getDefaultInstance()).getShape();
                long[] dims = shape.getDimList().stream().mapToLong(TensorShapeProto.Dim::getSize).toArray();
                specs.add(new TensorSpec(node.getName(), node.getAttrOrThrow("dtype").getType().name(), dims));
            }
        }
        return specs;
    }

    private static List<String> sinks(GraphDef def) {
        Set<String> read = new HashSet<>();
        def.getNodeList().forEach(n -> n.getInputList().forEach(i -> read.add(Ref.of(i.replaceFirst("^\\^", "")).op())));
        return def.getNodeList().stream()
                .filter(n -> !read.contains(n.getName()) && !Set.of("Const", "Placeholder", "NoOp").contains(n.getOp()))
                .map(NodeDef::getName).toList();
    }

    static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
