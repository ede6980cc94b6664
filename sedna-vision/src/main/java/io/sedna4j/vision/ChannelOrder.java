package io.sedna4j.vision;

/** The channel order a model was trained with. Images decode as BGR (OpenCV); most models want RGB. */
public enum ChannelOrder {
    RGB,
    BGR
}
