package org.mlp4j.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The cause of a failed file operation in words. {@code AccessDeniedException}'s message is only the
 * path, so "could not write: /x/model.safetensors" said nothing of why; this says "permission denied".
 */
public final class IoErrors {
    private IoErrors() {}

    public static String describe(IOException e) {
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return "expected UTF-8 text, found bytes that are not UTF-8";
        }
        String reason = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : null;
        String kind = e instanceof AccessDeniedException
                ? "permission denied"
                : e instanceof NoSuchFileException
                        ? "no such file or folder"
                        : e instanceof FileAlreadyExistsException
                                ? "already exists"
                                : e instanceof NotDirectoryException
                                        ? "not a folder"
                                        : e instanceof DirectoryNotEmptyException ? "folder not empty" : null;
        if (kind != null) {
            return reason != null ? kind + " (" + reason + ")" : kind;
        }
        if (reason != null) {
            return reason;
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /**
     * What a file that failed to decode as UTF-8 holds, from its first bytes: binary data (it has NUL bytes)
     * or text in another encoding, which the user can convert; the two were both called "binary data".
     *
     * @param file the file (its first 64 KiB are read)
     * @return "binary data" or a phrase naming the likely encodings
     */
    public static String notUtf8(java.nio.file.Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            return "data that is not UTF-8 text"; // a pipe cannot be read again to look
        }
        byte[] head;
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            head = in.readNBytes(1 << 16);
        } catch (IOException e) {
            return "data that is not UTF-8 text";
        }
        return notUtf8(head);
    }

    /**
     * {@link #notUtf8(java.nio.file.Path)} for bytes in hand.
     *
     * @param head the first bytes of the file
     * @return "binary data" or a phrase naming the likely encodings
     */
    public static String notUtf8(byte[] head) {
        for (byte b : head) {
            if (b == 0) {
                return "binary data";
            }
        }
        return "text that is not UTF-8 (Latin-1 or Windows-1252?); save it as UTF-8";
    }

    /**
     * What stands at a path that is not a regular file, in words: a FIFO was reported as "file not found".
     *
     * @param path the path
     * @return "no such file", "a folder", "a named pipe (FIFO)", "a device" or "a special file"
     */
    public static String whatIsAt(java.nio.file.Path path) {
        if (!java.nio.file.Files.exists(path)) {
            return "no such file";
        }
        if (java.nio.file.Files.isDirectory(path)) {
            return "a folder";
        }
        try {
            Object type = java.nio.file.Files.getAttribute(path, "unix:mode");
            int mode = type instanceof Integer i ? i & 0170000 : 0;
            if (mode == 0010000) {
                return "a named pipe (FIFO)";
            }
            if (mode == 0020000 || mode == 0060000) {
                return "a device";
            }
            if (mode == 0140000) {
                return "a socket";
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // no unix view on this file system: say only that it is special
        }
        return "a special file";
    }
}
