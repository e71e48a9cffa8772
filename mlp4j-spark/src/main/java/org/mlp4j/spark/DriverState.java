package org.mlp4j.spark;

import java.util.List;
import java.util.Map;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Network;

/**
 * What the driver holds between two rounds: the averaged parameters and optimizer state, the shared
 * position, each partition's generator at its epoch's start, and the run's figures so far. A round starts
 * from it and only from it, so writing it down ({@link DriverCheckpoint}) is enough to continue a run
 * whose driver died.
 */
final class DriverState {
    float[][] weights;
    float[][] biases;
    Map<String, float[]> state = Map.of();
    long step;
    int epoch = 1;
    int batch;
    final long[] rngState;
    final boolean[] spare;
    final double[] spareValue;
    /** Rounds run so far. */
    int rounds;
    /** Seconds outside the workers' training so far. */
    double overhead;
    /** The mean loss of the first round's steps, NaN before it ran. */
    double startLoss = Double.NaN;

    final EpochTally tally = new EpochTally();

    DriverState(int workers) {
        rngState = new long[workers];
        spare = new boolean[workers];
        spareValue = new double[workers];
    }

    /**
     * The start: partition 0 draws the network and then shuffles from the same generator, as one machine
     * does; the others shuffle from generators of their own.
     */
    static DriverState start(Network net, Rng partition0, JobSpec spec) {
        DriverState s = new DriverState(spec.workers());
        for (int p = 0; p < spec.workers(); p++) {
            s.setGenerator(p, p == 0 ? partition0.save() : new Rng(spec.seed(p)).save());
        }
        s.weights = new float[net.layerCount()][];
        s.biases = new float[net.layerCount()][];
        for (int l = 0; l < net.layerCount(); l++) {
            s.weights[l] = net.weights(l).clone();
            s.biases[l] = net.biases(l).clone();
        }
        return s;
    }

    void setGenerator(int partition, Rng.State g) {
        rngState[partition] = g.state();
        spare[partition] = g.hasSpareGaussian();
        spareValue[partition] = g.spareGaussian();
    }

    int workers() {
        return rngState.length;
    }

    /** The state a round of {@code steps} minibatch steps starts from. */
    RoundState round(int steps) {
        return new RoundState(weights, biases, state, step, epoch, batch, rngState, spare, spareValue, steps);
    }

    /**
     * Takes in a round's results: each partition's generator, and the averages of the parameters and the
     * optimizer state (in partition order, flat or in a tree: {@link TreeAveraging}).
     *
     * @throws IllegalStateException when the partitions are not at one position
     */
    void take(TreeAveraging.Collected round) {
        List<RoundResult> results = round.results();
        RoundResult first = results.get(0);
        for (RoundResult res : results) {
            if (res.epoch() != first.epoch() || res.batch() != first.batch() || res.step() != first.step()) {
                throw new IllegalStateException("partitions out of step after round " + rounds + ": partition "
                        + res.partition() + " at epoch " + res.epoch() + ", batch " + res.batch() + "; partition 0"
                        + " at epoch " + first.epoch() + ", batch " + first.batch());
            }
            rngState[res.partition()] = res.rngState();
            spare[res.partition()] = res.rngSpare();
            spareValue[res.partition()] = res.rngSpareValue();
        }
        weights = round.weights();
        biases = round.biases();
        state = round.state();
        step = first.step();
    }
}
