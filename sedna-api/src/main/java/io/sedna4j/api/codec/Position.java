package io.sedna4j.api.codec;

/**
 * Where a value sits in its source text: the 1-based line and column of its key (or of the item, in a list), and
 * the character range of the value itself.
 */
public record Position(int line, int column, int valueStart, int valueEnd) {
    public static final Position NONE = new Position(0, 0, 0, 0);
}
