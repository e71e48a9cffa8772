package org.mlp4j.io;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlp4j.InvalidInputException;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Network;
import org.mlp4j.train.Checkpointer;

/**
 * A training checkpoint: a model file (see {@link ModelFile}) whose metadata also holds the training
 * position and the random generator's state, so {@code mlp4j train --resume} continues the run and ends
 * with the bits an uninterrupted run would have. Written atomically (temporary file, fsync, rename), so a
 * crash while writing leaves the previous checkpoint in place.
 */
public final class CheckpointFile {
    private static final String EPOCH = "checkpoint_epoch";
    private static final String BATCH = "checkpoint_batch";
    private static final String RNG = "checkpoint_rng_state";
    private static final String RNG_SPARE = "checkpoint_rng_spare";
    private static final String STEP = "checkpoint_step";
    private static final List<String> STATE_PREFIXES = List.of("optimizer.", "early.");

    private CheckpointFile() {}

    /** A loaded checkpoint: parameters, position and all metadata (including what the caller stored). */
    public record Loaded(Network network, Checkpointer.Position position, Map<String, String> metadata) {}

    /**
     * Writes the checkpoint; {@code extra} holds what the caller needs to resume (its settings).
     *
     * @param file where to write
     * @param net the network
     * @param position where training stands
     * @param extra what the caller needs to resume
     */
    public static void save(Path file, Network net, Checkpointer.Position position, Map<String, String> extra) {
        save(file, net, position, extra, Map.of());
    }

    /**
     * {@link #save(Path, Network, Checkpointer.Position, Map)} with the model's own extra tensors (a table's
     * standardisation, a regression's target scaling), so a checkpoint is a model file {@code Model.load}
     * reads as the finished model would be read.
     *
     * @param file where to write
     * @param net the network
     * @param position where training stands
     * @param extra what the caller needs to resume
     * @param modelTensors tensors named input.* or target.*
     */
    public static void save(
            Path file,
            Network net,
            Checkpointer.Position position,
            Map<String, String> extra,
            Map<String, float[]> modelTensors) {
        Map<String, String> meta = new LinkedHashMap<>(extra);
        meta.put(EPOCH, Integer.toString(position.epoch()));
        meta.put(BATCH, Integer.toString(position.batch()));
        Rng.State s = position.epochStart();
        meta.put(RNG, Long.toString(s.state()));
        meta.put(
                RNG_SPARE,
                s.hasSpareGaussian() ? Long.toHexString(Double.doubleToRawLongBits(s.spareGaussian())) : "none");
        meta.put(STEP, Long.toString(position.step()));
        Map<String, float[]> tensors = new LinkedHashMap<>(modelTensors);
        tensors.putAll(position.state());
        ModelFile.save(file, net, meta, tensors);
    }

    /**
     * Loads a checkpoint written by {@link #save}.
     *
     * @param file the checkpoint
     * @return the network, its position and the caller's metadata
     * @throws org.mlp4j.InvalidInputException when the file is not a checkpoint
     */
    public static Loaded load(Path file) {
        ModelFile.Loaded m = ModelFile.load(file);
        Map<String, String> meta = m.metadata();
        try {
            int epoch = Integer.parseInt(required(meta, EPOCH, file));
            int batch = Integer.parseInt(required(meta, BATCH, file));
            long rngState = Long.parseLong(required(meta, RNG, file));
            String spare = required(meta, RNG_SPARE, file);
            Rng.State rng = spare.equals("none")
                    ? new Rng.State(rngState, false, 0)
                    : new Rng.State(rngState, true, Double.longBitsToDouble(Long.parseUnsignedLong(spare, 16)));
            if (epoch < 1 || batch < 0) {
                throw new InvalidInputException(
                        file + ": checkpoint position: expected epoch >= 1 and batch >= 0, found epoch " + epoch
                                + ", batch " + batch);
            }
            long step = Long.parseLong(meta.getOrDefault(STEP, "0"));
            Map<String, float[]> state = new LinkedHashMap<>();
            m.extraTensors().forEach((k, v) -> {
                if (STATE_PREFIXES.stream().anyMatch(k::startsWith)) {
                    state.put(k, v);
                }
            });
            return new Loaded(m.network(), new Checkpointer.Position(epoch, batch, rng, step, state), meta);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(file + ": checkpoint metadata: expected numbers, found " + e.getMessage());
        }
    }

    private static String required(Map<String, String> meta, String key, Path file) {
        String v = meta.get(key);
        if (v == null) {
            throw new InvalidInputException(file + ": not a checkpoint: __metadata__ has no " + key
                    + " (a model file cannot be resumed; resume from a checkpoint file)");
        }
        return v;
    }
}
