package io.sedna4j.lib;

/**
 * The one exception type of the worker library. Its message names the input (a model file, a URL, an algorithm,
 * an environment variable), the place and the fix.
 */
public class LibException extends RuntimeException {
    public LibException(String message) {
        super(message);
    }

    public LibException(String message, Throwable cause) {
        super(message, cause);
    }
}
