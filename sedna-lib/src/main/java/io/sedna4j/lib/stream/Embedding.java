package io.sedna4j.lib.stream;

import java.util.Arrays;
import java.util.Objects;

/** An appearance feature of one crop, and the extractor that computed it (vectors of different extractors differ). */
public record Embedding(String extractor, float[] vector) {
    public Embedding {
        Objects.requireNonNull(extractor, "extractor");
        Objects.requireNonNull(vector, "vector");
    }

    public int dimension() {
        return vector.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Embedding e && extractor.equals(e.extractor) && Arrays.equals(vector, e.vector);
    }

    @Override
    public int hashCode() {
        return extractor.hashCode() * 31 + Arrays.hashCode(vector);
    }

    @Override
    public String toString() {
        return "Embedding[" + extractor + ", " + vector.length + " floats]";
    }
}
