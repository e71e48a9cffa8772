package org.mlp4j.spark;

import java.io.Serializable;
import org.mlp4j.InvalidInputException;

/**
 * Where the driver writes its checkpoint, and how often. The checkpoint holds everything a round starts
 * from (the averaged network and optimizer state, the position, each partition's generator) and the
 * epoch's figures so far, so a run whose driver died continues from it to the bits an undisturbed run
 * ends with. A fit that finds a checkpoint of the same job at {@code location} resumes from it; a
 * checkpoint of another job there is refused, not overwritten.
 *
 * @param location    a path or any URI of a file system Hadoop knows (hdfs://, s3a://, file://); empty: none
 * @param everyRounds rounds (Spark jobs) between two checkpoints
 */
public record Checkpointing(String location, int everyRounds) implements Serializable {
    /** No checkpoints. */
    public static final Checkpointing NONE = new Checkpointing("", 8);

    /** Checks the values. */
    public Checkpointing {
        if (location == null) {
            location = "";
        }
        if (everyRounds < 1) {
            throw new InvalidInputException(
                    "checkpointInterval",
                    "checkpointInterval: expected at least 1 round between checkpoints, found " + everyRounds);
        }
    }

    /**
     * Checkpoints at {@code location} every {@code everyRounds} rounds.
     *
     * @param location a path or URI
     * @param everyRounds rounds between checkpoints
     * @return the setting
     */
    public static Checkpointing at(String location, int everyRounds) {
        return new Checkpointing(location, everyRounds);
    }

    /** Whether checkpoints are written. */
    boolean enabled() {
        return !location.isBlank();
    }
}
