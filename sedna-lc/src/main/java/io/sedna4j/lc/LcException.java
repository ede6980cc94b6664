package io.sedna4j.lc;

/**
 * What goes wrong in the Local Controller, thrown across its boundary. The message names the input, the place (file,
 * port, node, worker) and the fix, and is printed as it is.
 */
public class LcException extends RuntimeException {
    public LcException(String message) {
        super(message);
    }

    public LcException(String message, Throwable cause) {
        super(message, cause);
    }
}
