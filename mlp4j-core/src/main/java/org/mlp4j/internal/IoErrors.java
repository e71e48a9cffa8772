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
}
