package org.mlp4j.train;

import java.util.ArrayList;
import java.util.List;
import org.mlp4j.InvalidInputException;
import org.mlp4j.data.Batch;
import org.mlp4j.data.Dataset;
import org.mlp4j.math.Kernels;
import org.mlp4j.math.Rng;
import org.mlp4j.math.WorkerPool;
import org.mlp4j.model.Network;
import org.mlp4j.model.ReferenceNetwork;

/**
 * The article's {@code fit}: minibatch stochastic gradient descent.
 *
 * <p>Every epoch: shuffle the training set, split it into ceil(N / batch) minibatches, update the
 * parameters on every minibatch but the last, and report accuracy on that last one (the article calls
 * it the validation set; it is a different random slice of the training set each epoch, and it is
 * trained on in other epochs).
 */
public final class MinibatchSgd {
    private final Kernels kernels;
    private final WorkerPool pool;

    public MinibatchSgd(Kernels kernels, WorkerPool pool) {
        this.kernels = kernels;
        this.pool = pool;
    }

    /**
     * Trains {@code net} in place.
     *
     * @param rng drives the shuffles; the same seed gives the same run, bit for bit
     * @return the validation accuracy of every epoch
     * @throws InvalidInputException when the parameters stop being finite (the learning rate is too high)
     */
    public List<Double> fit(Network net, Dataset data, SgdSettings settings, Rng rng, EpochListener listener) {
        return fit(net, data, settings, rng, listener, Checkpointer.NONE, Checkpointer.Position.start(rng));
    }

    /**
     * Trains {@code net} in place from {@code from} (a fresh run, or a checkpoint's position with the
     * checkpoint's parameters in {@code net}), saving positions through {@code checkpointer}.
     *
     * @throws TrainingStopped when the checkpointer asked to stop (its position was saved first)
     */
    public List<Double> fit(Network net, Dataset data, SgdSettings settings, Rng rng, EpochListener listener,
            Checkpointer checkpointer, Checkpointer.Position from) {
        if (data.features() != net.inputSize()) {
            throw new InvalidInputException("layers (--layers): the first size must equal the data's " + data.features()
                    + " features (" + data.description() + "), found " + net.inputSize());
        }
        if (data.classes() != net.outputSize()) {
            throw new InvalidInputException("layers (--layers): the last size must equal the data's " + data.classes()
                    + " classes (" + data.description() + "), found " + net.outputSize());
        }
        int n = data.size();
        int bs = settings.batchSize();
        int batches = (n + bs - 1) / bs;
        Batch batch = new Batch(bs, data.features(), data.classes());
        BatchedBackprop engine = new BatchedBackprop(net, bs, kernels, pool);
        List<Double> history = new ArrayList<>();
        for (int e = from.epoch(); e <= settings.epochs(); e++) {
            long t0 = System.nanoTime();
            // The epoch's shuffle is redrawn from the generator's state at the epoch's start, so a run
            // resumed mid-epoch sees the same order.
            Rng.State epochStart = e == from.epoch() ? from.epochStart() : rng.save();
            rng.restore(epochStart);
            int[] order = rng.permutation(n);
            double trainCost = 0;
            int trainCorrect = 0;
            int trainSeen = 0;
            for (int b = e == from.epoch() ? from.batch() : 0; b < batches - 1; b++) {
                batch.assign(data, order, b * bs, Math.min(n, (b + 1) * bs));
                if (settings.path() == GradientPath.BATCHED) {
                    engine.step(batch, (float) settings.learningRate());
                } else {
                    engine.forward(batch);
                    referenceStep(net, batch, settings.learningRate());
                }
                double[] measured = engine.costAndCorrect(batch);
                trainCost += measured[0];
                trainCorrect += (int) measured[1];
                trainSeen += batch.size();
                if (listener != null) {
                    listener.onBatch(e, Math.min(n, (b + 1) * bs), n, trainCost / trainSeen);
                }
                if (checkpointer.stopRequested()) {
                    Checkpointer.Position here = new Checkpointer.Position(e, b + 1, epochStart);
                    checkpointer.save(here);
                    throw new TrainingStopped(here);
                }
            }
            batch.assign(data, order, (batches - 1) * bs, n);
            engine.forward(batch);
            double[] validation = engine.costAndCorrect(batch);
            double accuracy = validation[1] / batch.size();
            if (!net.isFinite()) {
                throw new InvalidInputException("training diverged in epoch " + e + ": weights became NaN or infinite"
                        + " with learning rate " + settings.learningRate() + "; try a lower learning rate (--lr)");
            }
            history.add(accuracy);
            checkpointer.save(new Checkpointer.Position(e + 1, 0, rng.save()));
            if (listener != null) {
                double seconds = (System.nanoTime() - t0) / 1e9;
                listener.onEpoch(new EpochStats(e, trainSeen == 0 ? Double.NaN : trainCost / trainSeen,
                        trainSeen == 0 ? Double.NaN : (double) trainCorrect / trainSeen, validation[0] / batch.size(),
                        accuracy, settings.learningRate(), seconds, (trainSeen + batch.size()) / seconds));
            }
        }
        return history;
    }

    private static void referenceStep(Network net, Batch batch, double lr) {
        int n = batch.size();
        int f = batch.features();
        int c = batch.classes();
        float[][] xs = new float[n][f];
        float[][] ys = new float[n][c];
        for (int i = 0; i < n; i++) {
            System.arraycopy(batch.x, i * f, xs[i], 0, f);
            System.arraycopy(batch.y, i * c, ys[i], 0, c);
        }
        ReferenceNetwork.updateParams(net, xs, ys, lr);
    }
}
