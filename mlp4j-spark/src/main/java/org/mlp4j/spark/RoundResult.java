package org.mlp4j.spark;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * One partition's round: its parameters and optimizer state after its steps, where it stopped, and what
 * it measured of each epoch it touched ({@link EpochPart}, in epoch order); and how long its training took
 * on the executor.
 */
record RoundResult(
        int partition,
        float[][] weights,
        float[][] biases,
        Map<String, float[]> state,
        long step,
        int epoch,
        int batch,
        long rngState,
        boolean rngSpare,
        double rngSpareValue,
        List<EpochPart> parts,
        boolean finished,
        String kernels,
        double computeSeconds)
        implements Serializable {

    /** This result without its parameters and optimizer state: what the driver keeps of it after a tree sum. */
    RoundResult withoutTensors() {
        return new RoundResult(
                partition,
                null,
                null,
                Map.of(),
                step,
                epoch,
                batch,
                rngState,
                rngSpare,
                rngSpareValue,
                parts,
                finished,
                kernels,
                computeSeconds);
    }
}
