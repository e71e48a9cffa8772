package org.mlp4j.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.mlp4j.InvalidInputException;

/**
 * Files written where Spark reads them: a path or any URI of a file system Hadoop knows (hdfs://, s3a://,
 * gs://, file://). A file is written whole to {@code <location>.tmp} first and then renamed over the old
 * one, so a reader finds the old file or the new one; a driver killed between the delete and the rename
 * leaves the complete {@code .tmp}. What is not a regular file is never replaced.
 */
final class HadoopFiles {
    private HadoopFiles() {}

    /**
     * Writes {@code bytes} to the location.
     *
     * @param location a path or URI
     * @param bytes the content
     * @param hadoop the file systems' configuration
     * @param field names the setting in messages ("--save", "checkpoint")
     * @throws InvalidInputException when a folder is in the way
     */
    static void replace(String location, byte[] bytes, Configuration hadoop, String field) {
        Path target = new Path(location);
        Path tmp = new Path(location + ".tmp");
        try {
            FileSystem fs = target.getFileSystem(hadoop);
            FileStatus existing = checkedStatus(fs, target, field);
            try (OutputStream out = fs.create(tmp, true)) {
                out.write(bytes);
            }
            if (existing != null && !fs.delete(target, false)) {
                throw new IOException("could not replace " + target);
            }
            if (!fs.rename(tmp, target)) {
                throw new IOException("could not rename " + tmp + " to " + target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": could not write", e);
        }
    }

    /**
     * Checks, before a run, that a file can go to the location: no folder there, and its file system known.
     *
     * @param location a path or URI
     * @param hadoop the file systems' configuration
     * @param field names the setting in messages
     */
    static void checkWritable(String location, Configuration hadoop, String field) {
        Path target = new Path(location);
        try {
            checkedStatus(target.getFileSystem(hadoop), target, field);
        } catch (org.apache.hadoop.fs.UnsupportedFileSystemException e) {
            throw new InvalidInputException(
                    field, field + " " + location + ": no file system for its scheme (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": cannot be reached", e);
        }
    }

    /** The file's status, null when there is none; a folder is refused. */
    static FileStatus checkedStatus(FileSystem fs, Path target, String field) throws IOException {
        FileStatus s;
        try {
            s = fs.getFileStatus(target);
        } catch (java.io.FileNotFoundException e) {
            return null;
        }
        if (!s.isFile()) {
            throw new InvalidInputException(field, target + ": expected a file, found a folder");
        }
        return s;
    }
}
