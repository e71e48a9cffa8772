package org.mlp4j;

/**
 * A user's mistake: a malformed file, a bad argument, a hyper-parameter that makes training diverge.
 *
 * <p>The message always names the file, flag or field, what was expected and what was found, so an
 * interface can print it as it is (no stack trace) and exit with status 2.
 */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
