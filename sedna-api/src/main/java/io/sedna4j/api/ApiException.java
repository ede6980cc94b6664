package io.sedna4j.api;

/**
 * The one exception type of the API module. Its message is written for a user: it names the input, the place and
 * the fix, so callers print it as it is, without a stack trace.
 */
public class ApiException extends RuntimeException {
    public ApiException(String message) {
        super(message);
    }

    public ApiException(String message, Throwable cause) {
        super(message, cause);
    }
}
