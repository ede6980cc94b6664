package io.sedna4j.lib.estimator;

/** A labelled input for training and evaluation: the input and its class index. */
public record Example<I>(I input, int label) {
}
