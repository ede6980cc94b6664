package io.sedna4j.control.controllers;

/**
 * Why a resource's workers cannot be planned now: a condition reason ({@code NodeNotFound}, {@code Unschedulable},
 * {@code ModelNotFound}, {@code DatasetNotFound}, {@code ReceiverNotFound}) and a message that names what is missing and the fix.
 */
public record Blocker(String reason, String message) {
    public static final String NODE_NOT_FOUND = "NodeNotFound";
    public static final String UNSCHEDULABLE = "Unschedulable";
    public static final String MODEL_NOT_FOUND = "ModelNotFound";
    public static final String DATASET_NOT_FOUND = "DatasetNotFound";
    /** A multi-edge inference worker's REST receiver (kafkaSupport: false) is not there to send to. */
    public static final String RECEIVER_NOT_FOUND = "ReceiverNotFound";

    static boolean isBlockerReason(String reason) {
        return NODE_NOT_FOUND.equals(reason) || UNSCHEDULABLE.equals(reason) || MODEL_NOT_FOUND.equals(reason)
                || DATASET_NOT_FOUND.equals(reason) || RECEIVER_NOT_FOUND.equals(reason);
    }
}
