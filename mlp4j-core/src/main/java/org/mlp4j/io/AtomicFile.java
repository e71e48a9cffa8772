package org.mlp4j.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.mlp4j.InvalidInputException;
import org.mlp4j.internal.IoErrors;

/**
 * Files written whole or not at all: model files, checkpoints, ONNX graphs and reports all go through
 * {@link #write}, so a crash, a kill or a full disk never leaves a half-written file under the real name.
 * What is not a regular file is never replaced: a symbolic link is followed (its target is written), and a
 * device or pipe ({@code /dev/null}, {@code /dev/stdout}) is written in place.
 */
public final class AtomicFile {
    private AtomicFile() {}

    /**
     * Writes bytes to a temporary file beside {@code file}, forces them to disk, then renames it into
     * place: a reader sees the old file or the new one, never a part.
     *
     * @param file  the file to write
     * @param bytes its new content
     * @throws UncheckedIOException when the disk refuses (full, read-only, no permission)
     */
    public static void write(Path file, byte[] bytes) {
        Path target;
        try {
            target = followLinks(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": could not write: " + IoErrors.describe(e), e);
        }
        if (Files.isDirectory(target)) {
            throw new InvalidInputException(file + ": expected a file name, found a folder");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            writeInPlace(file, target, bytes);
        } else {
            replace(file, target, bytes);
        }
    }

    /**
     * The file a write to {@code file} lands in: a symbolic link is followed (its target is written, the
     * link stays a link), as a shell's {@code >} does.
     */
    static Path followLinks(Path file) throws IOException {
        Path p = file.toAbsolutePath();
        for (int hops = 0; Files.isSymbolicLink(p); hops++) {
            if (hops == MAX_LINKS) {
                throw new java.nio.file.FileSystemException(file.toString(), null, "too many levels of symbolic links");
            }
            p = p.resolveSibling(Files.readSymbolicLink(p));
        }
        return p;
    }

    /** Symbolic links followed before giving up, as Linux's own limit for one path. */
    private static final int MAX_LINKS = 40;

    /**
     * A device, pipe or socket ({@code /dev/null}, {@code /dev/stdout}, a FIFO) is written as it is: renaming
     * a temporary file over it would replace the device with a regular file (as root, for every user).
     */
    private static void writeInPlace(Path file, Path target, byte[] bytes) {
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.WRITE)) {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": could not write: " + IoErrors.describe(e), e);
        }
    }

    private static void replace(Path file, Path target, byte[] bytes) {
        Path dir = target.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            removeStaleTemporaries(dir, target.getFileName().toString());
            // CREATE_NEW (not createTempFile) so the file gets the usual permissions from the umask
            tmp = dir.resolve(tmpPrefix(target.getFileName().toString())
                    + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime()) + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": could not write: " + IoErrors.describe(e), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary file is all that is left behind
                }
            }
        }
    }

    /** Temporary files of a target are named {@code .NAME-PID-NANOS.tmp}: this is their {@code .NAME-}. */
    private static String tmpPrefix(String name) {
        return "." + name + "-";
    }
    /** A temporary file with no process id (written before ids were added) counts as stale after this. */
    private static final long STALE_MILLIS = 10 * 60 * 1000;

    /**
     * Deletes temporary files a killed writer of the same target left behind: those whose process is gone
     * (a SIGKILL during a checkpoint leaves megabytes otherwise, one file per kill).
     */
    static void removeStaleTemporaries(Path dir, String name) {
        String prefix = tmpPrefix(name);
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> {
                        String n = f.getFileName().toString();
                        return n.startsWith(prefix) && n.endsWith(".tmp");
                    })
                    .toList()) {
                String middle = p.getFileName().toString().substring(prefix.length());
                String[] parts =
                        middle.substring(0, middle.length() - ".tmp".length()).split("-");
                boolean stale;
                if (parts.length == 2 && parts[0].matches("[0-9]{1,19}")) {
                    long pid = Long.parseLong(parts[0]);
                    stale = pid != ProcessHandle.current().pid()
                            && ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
                } else {
                    stale = System.currentTimeMillis()
                                    - Files.getLastModifiedTime(p).toMillis()
                            > STALE_MILLIS;
                }
                if (stale) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // cleaning is a courtesy; the write itself reports real problems
        }
    }

    /**
     * Checks before a long run that {@code file} can be written where it is asked for: its folder exists
     * or can be made, and a file can be created there. Nothing is left behind.
     *
     * @param file the file a run will write
     * @param field names it in the error (a parameter, or the command line's option)
     * @throws InvalidInputException when the file cannot be written there
     */
    public static void checkWritable(Path file, String field) {
        Path target;
        try {
            target = followLinks(file);
        } catch (IOException e) {
            throw new InvalidInputException(field + " " + file + ": cannot write there: " + IoErrors.describe(e));
        }
        if (Files.isDirectory(target)) {
            throw new InvalidInputException(field + " " + file + ": expected a file name, found a folder");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            // a device or pipe is written in place: no probe file beside it (in /dev, say)
            if (!Files.isWritable(target)) {
                throw new InvalidInputException(field + " " + file + ": cannot write there: permission denied");
            }
            return;
        }
        Path dir = target.getParent();
        Path probe = null;
        try {
            Files.createDirectories(dir);
            probe = Files.createTempFile(dir, "." + target.getFileName() + "-probe-", ".tmp");
        } catch (IOException e) {
            throw new InvalidInputException(field + " " + file + ": cannot write there: " + IoErrors.describe(e));
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException ignored) {
                    // the probe is empty; nothing of the user's is at stake
                }
            }
        }
    }
}
