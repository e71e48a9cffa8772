package org.mlp4j;

/**
 * A user's mistake: a malformed file, a bad argument, a hyper-parameter that makes training diverge.
 * Failures of the machine (a disk that is full, a file that cannot be written) are {@link
 * java.io.UncheckedIOException}s instead, and anything else is a bug.
 *
 * <p>The message always names the file or field, what was expected and what was found, so an interface
 * can print it as it is (no stack trace) and exit with status 2. When the mistake is in one named setting
 * or argument, {@link #field()} names it in the library's terms (a recipe key such as {@code lr}, or a
 * parameter such as {@code classNames}), so an interface can say it in its own (the command line says
 * {@code --lr}). The message then starts with the field's name.
 */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The setting or argument at fault, or null when the message names a file or several fields. */
    private final String field;

    /**
     * A mistake named by its message alone (usually in a file, which the message names).
     *
     * @param message what was expected and what was found, naming the file
     */
    public InvalidInputException(String message) {
        this(null, message);
    }

    /**
     * A mistake in one setting or argument.
     *
     * @param field   the setting's name (a recipe key, a parameter), or null
     * @param message what was expected and what was found, starting with where the field's value came from
     */
    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    /**
     * A mistake found while reading something that failed.
     *
     * @param message what was expected and what was found, naming the file
     * @param cause   the failure underneath
     */
    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
        this.field = null;
    }

    /**
     * The setting or argument at fault.
     *
     * @return its name in the library's terms (a recipe key such as {@code lr}), or null when the
     *         message names a file or several fields
     */
    public String field() {
        return field;
    }

    /**
     * What stands at a path where a regular file was expected, in words, for the "found" half of a
     * message: a FIFO is not "file not found".
     *
     * @param path the path
     * @return "no such file", "a folder", "a named pipe (FIFO)", "a device" or "a special file"
     */
    public static String whatIsAt(java.nio.file.Path path) {
        return org.mlp4j.internal.IoErrors.whatIsAt(path);
    }

    /**
     * What a file that is not UTF-8 text holds, from its first 64 KiB: binary data, or text in another
     * encoding (which the user can convert).
     *
     * @param file the file
     * @return "binary data" or a phrase naming the likely encodings
     */
    public static String notUtf8(java.nio.file.Path file) {
        return org.mlp4j.internal.IoErrors.notUtf8(file);
    }

    /**
     * Why a file operation failed, in words: an {@code AccessDeniedException}'s message is only the path,
     * this says "permission denied". For the messages of machine failures as well as of a user's mistakes.
     *
     * @param e the failure
     * @return its cause in words
     */
    public static String why(java.io.IOException e) {
        return org.mlp4j.internal.IoErrors.describe(e);
    }
}
