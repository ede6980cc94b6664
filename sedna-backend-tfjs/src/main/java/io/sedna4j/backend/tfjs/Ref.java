package io.sedna4j.backend.tfjs;

/** A tensor of the graph: node name and output index, written {@code node} or {@code node:index} as TensorFlow does. */
record Ref(String op, int index) {

    static Ref of(String name) {
        int colon = name.lastIndexOf(':');
        if (colon > 0 && colon < name.length() - 1 && name.substring(colon + 1).chars().allMatch(Character::isDigit)) {
            return new Ref(name.substring(0, colon), Integer.parseInt(name.substring(colon + 1)));
        }
        return new Ref(name, 0);
    }

    /** The name callers see: the node alone for its first output (signatures say "Identity:0", users say "Identity"). */
    String display() {
        return index == 0 ? op : op + ":" + index;
    }
}
