package io.sedna4j.gm;

/**
 * The one exception type of the Global Manager: it cannot start (port taken, database unreadable, no token where one
 * is needed) or a link or database operation failed. Its message names the input, the place and the fix.
 */
public class GmException extends RuntimeException {
    public GmException(String message) {
        super(message);
    }

    public GmException(String message, Throwable cause) {
        super(message, cause);
    }
}
