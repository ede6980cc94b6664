package io.sedna4j.vision;

/** How a model wants an image as a float tensor: batch, then height-width-channel or channel-height-width. */
public enum TensorLayout {
    /** [1, height, width, 3] (TensorFlow's default; CenterNet). */
    NHWC,
    /** [1, 3, height, width] (PyTorch's default; NanoDet). */
    NCHW
}
