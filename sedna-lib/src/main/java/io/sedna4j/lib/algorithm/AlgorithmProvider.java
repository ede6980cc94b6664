package io.sedna4j.lib.algorithm;

import java.util.List;

/**
 * The service a jar offers to add algorithms: list it in
 * {@code META-INF/services/io.sedna4j.lib.algorithm.AlgorithmProvider} and put the jar on the worker's class path.
 * Needs a public no-argument constructor ({@link java.util.ServiceLoader}).
 */
public interface AlgorithmProvider {

    /** The algorithms this jar adds, of any family. */
    List<AlgorithmFactory<?>> algorithms();
}
