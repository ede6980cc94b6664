package io.sedna4j.backend.tfjs;

import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.NodeDef;

/**
 * Rewrites a TF.js topology into what TensorFlow 2.18 (TF Java 1.1.0) imports. The TF.js converter writes graph
 * optimiser ops under its own names and leaves out attributes that newer TensorFlow requires.
 */
final class GraphFixes {
    private GraphFixes() {
    }

    /** Applies every fix in place; returns how many nodes changed. */
    static int apply(org.tensorflow.proto.GraphDef.Builder graph) {
        int changed = 0;
        for (NodeDef.Builder node : graph.getNodeBuilderList()) {
            boolean touched = false;
            // TF.js spells the grappler op without its leading underscore; TensorFlow only registers "_Fused…"
            if (node.getOp().equals("FusedDepthwiseConv2dNative")) {
                node.setOp("_FusedDepthwiseConv2dNative");
                node.removeAttr("explicit_paddings"); // not in that op's definition: TensorFlow logs an error per node
                touched = true;
            }
            // TF 2.18's _FusedConv2D types its extra inputs with TArgs; TF.js graphs predate it (the other _Fused ops
            // still use num_args * T and log an error for an attribute they do not know)
            if (node.getOp().equals("_FusedConv2D") && !node.containsAttr("TArgs")) {
                DataType t = node.getAttrOrDefault("T", AttrValue.newBuilder().setType(DataType.DT_FLOAT).build()).getType();
                long args = node.containsAttr("num_args") ? node.getAttrOrThrow("num_args").getI() : dataInputs(node) - 2;
                AttrValue.ListValue.Builder types = AttrValue.ListValue.newBuilder();
                for (long i = 0; i < args; i++) {
                    types.addType(t);
                }
                node.putAttr("TArgs", AttrValue.newBuilder().setList(types).build());
                touched = true;
            }
            changed += touched ? 1 : 0;
        }
        return changed;
    }

    private static long dataInputs(NodeDef.Builder node) {
        return node.getInputList().stream().filter(i -> !i.startsWith("^")).count();
    }
}
