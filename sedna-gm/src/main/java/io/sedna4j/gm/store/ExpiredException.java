package io.sedna4j.gm.store;

import io.sedna4j.gm.GmException;

/** A watch asked to resume from a resourceVersion older than the event history holds (Kubernetes' 410 Gone). */
public final class ExpiredException extends GmException {
    public ExpiredException(String message) {
        super(message);
    }
}
