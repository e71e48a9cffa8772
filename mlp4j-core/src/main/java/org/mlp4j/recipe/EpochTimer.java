package org.mlp4j.recipe;

import org.mlp4j.data.Dataset;
import org.mlp4j.engine.Augmentation;
import org.mlp4j.engine.Batch;
import org.mlp4j.engine.BatchedBackprop;
import org.mlp4j.kernels.Kernels;
import org.mlp4j.kernels.WorkerPool;
import org.mlp4j.model.Network;
import org.mlp4j.sgd.Regularization;
import org.mlp4j.sgd.TrainingSettings;
import org.mlp4j.sgd.optim.Optimizer;

/**
 * Epochs of the training engine alone, timed: the batched backprop's minibatch steps (forward, equations
 * (1)–(3), the update) over a dataset in a given order, without what training adds around them (training
 * figures, validation, divergence checks, checkpoints). It measures a machine and a network shape, as
 * {@code mlp4j bench} prints them: the article's plain steps, or a {@link TrainingPlan}'s (its optimizer,
 * dropout and max-norm, and its distortions when {@linkplain #augment(boolean, int) asked}). It trains the
 * network it is given, but train with {@link TrainingPlan#fit}.
 */
public final class EpochTimer implements AutoCloseable {
    private final WorkerPool pool;
    private final Kernels kernels;
    private final BatchedBackprop engine;
    private final Batch batch;
    private final Dataset data;
    /** The plan's settings, or null for the article's plain steps. */
    private final TrainingSettings settings;
    /** The plan's update rule, or null for the article's plain steps. */
    private final Optimizer optimizer;

    private long step;

    /**
     * A timer of minibatch steps on {@code data}.
     *
     * @param net       the network, trained in place
     * @param data      the examples
     * @param batchSize the minibatch size
     * @param threads   the threads to time
     * @param scalar    true to time the plain loops instead of the best kernels this JVM has
     */
    public EpochTimer(Network net, Dataset data, int batchSize, int threads, boolean scalar) {
        this(net, data, batchSize, kernels(scalar), new WorkerPool(threads), null);
    }

    /**
     * A timer of a plan's minibatch steps on {@code data}: its minibatch size, update rule, dropout and
     * max-norm, at its peak learning rate throughout (the schedule is not applied: the rate does not change
     * the time a step takes).
     *
     * @param plan    the plan
     * @param net     the network, trained in place
     * @param data    the examples
     * @param threads the threads to time
     * @param scalar  true to time the plain loops instead of the best kernels this JVM has
     */
    public EpochTimer(TrainingPlan plan, Network net, Dataset data, int threads, boolean scalar) {
        this(net, data, plan.settings().batchSize(), kernels(scalar), new WorkerPool(threads), plan.settings());
        regularize(settings.regularization());
    }

    /** A timer on these kernels and threads (closing it closes the pool). */
    EpochTimer(Network net, Dataset data, int batchSize, Kernels kernels, WorkerPool pool, TrainingSettings settings) {
        this.pool = pool;
        this.kernels = kernels;
        this.engine = new BatchedBackprop(net, batchSize, kernels, pool);
        this.batch = new Batch(batchSize, data.features(), data.classes());
        this.data = data;
        this.settings = settings;
        this.optimizer = settings == null ? null : new Optimizer(settings.optimizer(), net);
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
    EpochTimer regularize(Regularization r) {
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
    EpochTimer augment(Augmentation a, int epoch) {
        batch.augment(a, epoch);
        return this;
    }

    /**
     * The plan's distortions in the following epochs, or none.
     *
     * @param on    true for the plan's distortions (none if it has none)
     * @param epoch seeds the epoch's distortions
     * @return this timer
     */
    public EpochTimer augment(boolean on, int epoch) {
        return augment(on && settings != null ? settings.augmentation() : null, epoch);
    }

    /**
     * One epoch of the plan's steps, timed, at the plan's learning rate.
     *
     * @param order the examples' order (a permutation of the dataset's indexes)
     * @return the epoch's wall time in seconds
     * @throws IllegalStateException when the timer was made without a plan
     */
    public double epoch(int[] order) {
        if (settings == null) {
            throw new IllegalStateException("a timer of the article's steps takes a learning rate");
        }
        return epoch(order, settings.learningRate(), optimizer);
    }

    /**
     * One epoch of the article's steps (plain SGD on the quadratic cost's gradient), timed.
     *
     * @param order the examples' order (a permutation of the dataset's indexes)
     * @param lr    the learning rate
     * @return the epoch's wall time in seconds
     */
    public double epoch(int[] order, double lr) {
        if (settings != null) {
            throw new IllegalStateException("a plan's timer steps at the plan's learning rate: call epoch(order)");
        }
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
    double epoch(int[] order, double lr, Optimizer opt) {
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

    /**
     * The kernels timed.
     *
     * @return their name, as {@code MultilayerPerceptron.kernels()} gives it
     */
    public String kernels() {
        return kernels.name();
    }

    /** Stops the timer's threads. */
    @Override
    public void close() {
        pool.close();
    }

    private static Kernels kernels(boolean scalar) {
        return scalar ? Kernels.scalar() : Kernels.best();
    }
}
