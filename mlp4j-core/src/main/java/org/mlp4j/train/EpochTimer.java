package org.mlp4j.train;

import org.mlp4j.data.Augmentation;
import org.mlp4j.data.Dataset;
import org.mlp4j.engine.Batch;
import org.mlp4j.engine.BatchedBackprop;
import org.mlp4j.math.Kernels;
import org.mlp4j.math.WorkerPool;
import org.mlp4j.model.Network;
import org.mlp4j.train.optim.Optimizer;

/**
 * Epochs of the training engine alone, timed: the batched backprop's minibatch steps (forward, equations
 * (1)–(3), the update) over a dataset in a given order, without what {@link MinibatchSgd} adds around them
 * (training figures, validation, divergence checks, checkpoints). It measures a machine and a network
 * shape, as {@code mlp4j bench} prints them; it trains the network it is given, but train with
 * {@link MinibatchSgd}.
 */
public final class EpochTimer {
    private final BatchedBackprop engine;
    private final Batch batch;
    private final Dataset data;
    private long step;

    /**
     * A timer of minibatch steps on {@code data}.
     *
     * @param net       the network, trained in place
     * @param data      the examples
     * @param batchSize the minibatch size
     * @param kernels   the kernels to time
     * @param pool      the threads to time
     */
    public EpochTimer(Network net, Dataset data, int batchSize, Kernels kernels, WorkerPool pool) {
        this.engine = new BatchedBackprop(net, batchSize, kernels, pool);
        this.batch = new Batch(batchSize, data.features(), data.classes());
        this.data = data;
    }

    /**
     * Whether the kernels skip zero inputs (the default): the results are the same either way, so turning
     * it off shows what skipping zeros saves.
     *
     * @param skip false to multiply every input
     * @return this timer
     */
    public EpochTimer skipZeroInputs(boolean skip) {
        engine.skipZeroInputs(skip);
        return this;
    }

    /**
     * Dropout and max-norm in the following {@linkplain #epoch(int[], double, Optimizer) optimizer epochs}.
     *
     * @param r the regularisation
     * @return this timer
     */
    public EpochTimer regularize(Regularization r) {
        engine.regularize(r.inputDropout(), r.hiddenDropout(), r.maxNorm(), 1);
        return this;
    }

    /**
     * Distortions of the following epochs' images, or none.
     *
     * @param a     the augmentation, or null for none
     * @param epoch seeds the epoch's distortions
     * @return this timer
     */
    public EpochTimer augment(Augmentation a, int epoch) {
        batch.augment(a, epoch);
        return this;
    }

    /**
     * One epoch of the article's steps (plain SGD on the quadratic cost's gradient), timed.
     *
     * @param order the examples' order (a permutation of the dataset's indexes)
     * @param lr    the learning rate
     * @return the epoch's wall time in seconds
     */
    public double epoch(int[] order, double lr) {
        return epoch(order, lr, null);
    }

    /**
     * One epoch of optimizer steps, timed.
     *
     * @param order the examples' order (a permutation of the dataset's indexes)
     * @param lr    the learning rate
     * @param opt   the optimizer, or null for the article's plain step
     * @return the epoch's wall time in seconds
     */
    public double epoch(int[] order, double lr, Optimizer opt) {
        int bs = engine.capacity();
        if (opt != null) {
            opt.learningRate(lr);
        }
        long t0 = System.nanoTime();
        for (int from = 0; from < order.length; from += bs) {
            batch.assign(data, order, from, Math.min(order.length, from + bs));
            if (opt == null) {
                engine.step(batch, lr);
            } else {
                engine.step(batch, opt, step++);
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
