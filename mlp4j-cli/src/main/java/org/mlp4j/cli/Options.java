package org.mlp4j.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import org.mlp4j.InvalidInputException;
import org.mlp4j.data.Mnist;

/** Parsing and loading shared by the commands. */
final class Options {
    private Options() {}

    /** "784,512,10" to {784, 512, 10}, with a message naming the flag on any mistake. */
    static int[] parseLayers(String text) {
        return org.mlp4j.model.Network.parseSizes(text, "--layers");
    }

    static String layersText(int[] sizes) {
        return String.join("-", Arrays.stream(sizes).mapToObj(Integer::toString).toArray(String[]::new));
    }

    /** Why --threads has a ceiling, for its error and its help. */
    static final String THREADS_CAP_REASON = "at most 4 per processor: work is split over processors, and more"
            + " threads only add switching and memory";
    /** The --threads help text shared by the commands that take it. */
    static final String THREADS_HELP =
            "Threads, 1 to 4 per processor (default: all processors)." + " Results do not depend on it.";

    /** All processors: the default --threads. */
    static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    static int maxThreads() {
        return 4 * Runtime.getRuntime().availableProcessors();
    }

    static int threads(Integer requested) {
        if (requested == null) {
            return defaultThreads();
        }
        if (requested < 1 || requested > maxThreads()) {
            throw new InvalidInputException(
                    "--threads: expected 1 to " + maxThreads() + " (" + THREADS_CAP_REASON + "), found " + requested);
        }
        return requested;
    }

    /** MNIST from --data, MLP4J_DATA, the cache, mirrors or npm; progress lines go to {@code log}. */
    static Mnist.Split loadMnist(Path dataDir, Consumer<String> log) {
        return DatasetChoice.MNIST.load(dataDir, log);
    }
}
