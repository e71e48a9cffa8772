package org.mlp4j.engine;

import java.util.Locale;
import org.mlp4j.InvalidInputException;

/**
 * The heap a training run needs, estimated before anything is allocated, so that a network too large for
 * the JVM is one clear error instead of an {@link OutOfMemoryError} minutes into a run.
 *
 * <p>Counted in float32 values: the parameters, their gradients and the transposed copies the batched
 * path keeps (four copies of every weight), the optimizer's state (one copy for momentum, two for Adam),
 * and per minibatch row z, a, δ and a dropout mask for every layer plus the input. It is compared with
 * what the heap has left, so data already loaded counts. It errs on the low side: a run refused by it
 * could not have run.
 */
public final class MemoryEstimate {
    private MemoryEstimate() {}

    /**
     * Bytes for a network of {@code sizes} trained with minibatches of {@code batch} and this optimizer.
     *
     * @param sizes layer sizes, input first
     * @param batch examples per minibatch
     * @param optimizerCopies the optimizer's state per parameter (0 for SGD, 1 for momentum, 2 for Adam)
     * @return the estimate in bytes
     */
    public static long bytes(int[] sizes, long batch, int optimizerCopies) {
        long params = 0;
        long units = 0;
        for (int l = 0; l < sizes.length; l++) {
            units += sizes[l];
            if (l + 1 < sizes.length) {
                params += (long) sizes[l] * sizes[l + 1] + sizes[l + 1];
            }
        }
        long floats = params * (4L + optimizerCopies) + batch * units * 4L;
        return floats * Float.BYTES;
    }

    /**
     * Refuses a run whose estimate exceeds what this JVM may still use.
     *
     * @param field what to name in the error ("--layers", a recipe key)
     * @param sizes layer sizes, input first
     * @param batch examples per minibatch
     * @param optimizerCopies the optimizer's state per parameter
     */
    public static void check(int[] sizes, long batch, int optimizerCopies, String field) {
        long need = bytes(sizes, batch, optimizerCopies);
        Runtime rt = Runtime.getRuntime();
        long max = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory()); // what is not already taken
        if (need > max) {
            throw new InvalidInputException(String.format(
                    Locale.ROOT,
                    "%s: this run needs about %s of memory (parameters,"
                            + " gradients, optimizer state and minibatch workspaces), more than the %s this JVM has left;"
                            + " choose smaller layers or minibatches, or raise the limit (e.g. MLP4J_JAVA_OPTS=-Xmx%dg for"
                            + " ./mlp4j)",
                    field,
                    size(need),
                    size(max),
                    Math.max(1, (long) Math.ceil(need * 1.25 / (1L << 30)))));
        }
    }

    static String size(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        }
        return String.format(Locale.ROOT, "%.0f MB", Math.ceil(bytes / (double) (1L << 20)));
    }
}
