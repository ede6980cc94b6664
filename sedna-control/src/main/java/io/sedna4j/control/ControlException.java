package io.sedna4j.control;

/**
 * The one exception type of the control plane. Its message names the resource, the node or the worker, and the
 * fix; its reason lets a REST front end choose the status code.
 */
public class ControlException extends RuntimeException {
    public enum Reason { NOT_FOUND, ALREADY_EXISTS, CONFLICT, INVALID, UNAVAILABLE }

    private final Reason reason;

    public ControlException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ControlException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
