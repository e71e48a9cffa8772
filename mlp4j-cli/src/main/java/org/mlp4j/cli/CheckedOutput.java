package org.mlp4j.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;

/**
 * Standard output that remembers why it failed. A {@link PrintWriter} swallows write errors, so
 * {@code predict … > full-disk/p.csv} used to end with exit 0 and half a file; commands now check the
 * stream ({@link #check}) and end with exit 1 and the reason ("No space left on device").
 */
final class CheckedOutput extends PrintWriter {
    private final Recorder recorder;

    private CheckedOutput(Recorder recorder, Charset charset) {
        super(new BufferedWriter(new OutputStreamWriter(recorder, charset)), true);
        this.recorder = recorder;
    }

    /** A writer over {@code out} (standard output, or a test's stream) that keeps the first write error. */
    static CheckedOutput over(OutputStream out, Charset charset) {
        return new CheckedOutput(new Recorder(out), charset);
    }

    /**
     * Throws when anything written to {@code out} so far was lost, naming the reason when {@code out}
     * knows it: the command stops instead of classifying the rest of its inputs into a broken pipe.
     */
    static void check(PrintWriter out) {
        if (out.checkError()) {
            IOException cause = out instanceof CheckedOutput c ? c.recorder.failure : null;
            String reason = cause == null
                    ? "the stream reported an error"
                    : cause.getMessage() != null
                            ? cause.getMessage()
                            : cause.getClass().getSimpleName();
            throw new UncheckedIOException(
                    "standard output: could not write: " + reason, cause != null ? cause : new IOException(reason));
        }
    }

    /** Passes bytes through and keeps the first exception (the PrintWriter above it only sets a flag). */
    private static final class Recorder extends OutputStream {
        private final OutputStream out;
        private IOException failure;

        Recorder(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                keep(e);
                throw e;
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                keep(e);
                throw e;
            }
        }

        private void keep(IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }
}
