/**
 * Algorithms by family and name, Sedna's {@code ClassFactory}: {@link io.sedna4j.lib.algorithm.AlgorithmRegistry}
 * fills itself from every {@link io.sedna4j.lib.algorithm.AlgorithmProvider} on the class path
 * ({@code META-INF/services}), so a user adds an algorithm by dropping a jar. Parameters arrive as the manifest's
 * strings and are parsed and checked by {@link io.sedna4j.lib.algorithm.Parameters}. Hard example mining lives in
 * {@code hem}.
 */
package io.sedna4j.lib.algorithm;
