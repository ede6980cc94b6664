package io.sedna4j.lc.worker;

import io.sedna4j.lc.LcException;

/** A worker spec that cannot run here; the message becomes the worker's Failed message. */
public class WorkerException extends LcException {
    public WorkerException(String message) {
        super(message);
    }
}
