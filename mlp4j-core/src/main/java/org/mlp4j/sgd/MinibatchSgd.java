package org.mlp4j.sgd;

import java.util.ArrayList;
import java.util.List;
import org.mlp4j.InvalidInputException;
import org.mlp4j.data.Dataset;
import org.mlp4j.engine.Batch;
import org.mlp4j.engine.BatchedBackprop;
import org.mlp4j.kernels.Kernels;
import org.mlp4j.kernels.WorkerPool;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Network;
import org.mlp4j.model.ReferenceNetwork;
import org.mlp4j.sgd.optim.Optimizer;
import org.mlp4j.train.Checkpointer;
import org.mlp4j.train.EpochListener;
import org.mlp4j.train.EpochStats;
import org.mlp4j.train.TrainingDiverged;
import org.mlp4j.train.TrainingStopped;

/**
 * The article's {@code fit}, minibatch stochastic gradient descent, and its modern generalisation.
 *
 * <p>With the article's settings ({@link TrainingSettings#isArticle()}), every epoch: shuffle the training
 * set, split it into ceil(N / batch) minibatches, update the parameters on every minibatch but the
 * last, and report accuracy on that last one (the article calls it the validation set; it is a
 * different random slice of the training set each epoch, and it is trained on in other epochs).
 *
 * <p>Otherwise the last {@code validation.heldOut()} examples are set aside for good, every minibatch of
 * the rest is trained on with the configured optimizer, schedule, regularisation and augmentation, and
 * the held-out examples are evaluated after every epoch (with early stopping, the best epoch's weights
 * are restored at the end).
 */
public final class MinibatchSgd {
    private final Kernels kernels;
    private final WorkerPool pool;

    /**
     * A trainer on these kernels and threads.
     *
     * @param kernels the kernels to use
     * @param pool the threads to use
     */
    public MinibatchSgd(Kernels kernels, WorkerPool pool) {
        this.kernels = kernels;
        this.pool = pool;
    }

    /**
     * Trains {@code net} in place.
     *
     * @param rng drives the shuffles; the same seed gives the same run, bit for bit
     * @return the validation accuracy of every epoch
     * @throws TrainingDiverged when the parameters stop being finite (the learning rate is too high)
     * @param net the network
     * @param data the training set
     * @param settings how to train
     * @param listener told after each epoch, or null
     */
    public List<Double> fit(Network net, Dataset data, TrainingSettings settings, Rng rng, EpochListener listener) {
        return fit(net, data, settings, rng, listener, Checkpointer.NONE, Checkpointer.Position.start(rng));
    }

    /**
     * Trains {@code net} in place from {@code from} (a fresh run, or a checkpoint's position with the
     * checkpoint's parameters in {@code net}), saving positions through {@code checkpointer}.
     *
     * @throws TrainingStopped when the checkpointer asked to stop (its position was saved first)
     * @param net the network
     * @param data the training set
     * @param settings how to train
     * @param rng drives the shuffles
     * @param listener told after each epoch, or null
     * @param checkpointer saves positions, or null
     * @param from where to start
     * @return the validation accuracy of every epoch
     */
    public List<Double> fit(
            Network net,
            Dataset data,
            TrainingSettings settings,
            Rng rng,
            EpochListener listener,
            Checkpointer checkpointer,
            Checkpointer.Position from) {
        if (data.features() != net.inputSize()) {
            throw new InvalidInputException(
                    "layers",
                    "layers: the first size must equal the data's " + data.features() + " features ("
                            + data.description() + "), found " + net.inputSize());
        }
        if (data.classes() != net.outputSize()) {
            throw new InvalidInputException(
                    "layers",
                    "layers: the last size must equal the data's " + data.classes()
                            + (data.regression() ? " targets (" : " classes (") + data.description() + "), found "
                            + net.outputSize());
        }
        org.mlp4j.engine.Augmentation distort = settings.augmentation();
        if (distort != null && (long) distort.side() * distort.side() != data.features()) {
            // a plan made for one kind of data and fitted on another: the distortions would read and write
            // past each row's pixels into the next row's
            throw new InvalidInputException(
                    "augment-shift",
                    "augment-shift: image distortions need square images of " + distort.side() + " x "
                            + distort.side() + " = " + distort.side() * distort.side() + " features; "
                            + data.description() + " has " + data.features()
                            + " (plan the recipe for this data, or turn augmentation off)");
        }
        if (settings.validation().heldOut() >= data.size()) {
            throw new InvalidInputException(
                    "validation-split",
                    "validation-split: expected fewer than the " + data.size() + " training examples, found "
                            + settings.validation().heldOut());
        }
        return settings.isArticle()
                ? new ArticleRun(net, data, settings, rng, listener, checkpointer).run(from)
                : new ModernRun(net, data, settings, rng, listener, checkpointer).run(from);
    }

    /** What both loops share: the engine, the batch, the epoch's order and the running training figures. */
    private abstract class Run {
        final Network net;
        final TrainingSettings settings;
        final Rng rng;
        final EpochListener listener;
        final Checkpointer checkpointer;
        final Batch batch;
        final BatchedBackprop engine;
        final List<Double> history = new ArrayList<>();
        final Divergence divergence;
        double trainCost;
        int trainCorrect;
        int trainSeen;
        /** The targets' standardisation of a regression, else null. */
        final org.mlp4j.data.Standardizer scaling;
        /** The epoch's regression figures so far, else null. */
        org.mlp4j.data.RegressionMetrics trainFit;

        Run(
                Network net,
                Dataset data,
                TrainingSettings settings,
                Rng rng,
                EpochListener listener,
                Checkpointer checkpointer) {
            this.net = net;
            this.settings = settings;
            this.rng = rng;
            this.listener = listener;
            this.checkpointer = checkpointer;
            this.batch = new Batch(settings.batchSize(), data.features(), data.classes());
            this.engine = new BatchedBackprop(net, settings.batchSize(), kernels, pool);
            this.divergence =
                    new Divergence("learning rate " + settings.learningRate() + " (lr)", "try a lower learning rate");
            this.scaling = data.targetScaling();
            this.trainFit = newFit();
        }

        org.mlp4j.data.RegressionMetrics newFit() {
            return scaling == null ? null : new org.mlp4j.data.RegressionMetrics(batch.classes());
        }

        /**
         * The cost, accuracy and (for a regression) fit of the last forward pass on the batch, adding to
         * {@code fit}.
         */
        Measured measure(org.mlp4j.data.RegressionMetrics fit) {
            double[] m = engine.costAndCorrect(batch);
            if (fit != null) {
                fit.addStandardized(engine.outputs(), batch.y, batch.size(), scaling);
            }
            return new Measured(m[0], scaling == null ? m[1] : Double.NaN, batch.size());
        }

        /** Records the last step's training figures; reports progress. */
        void measured(int epoch, int done, int total) {
            // every step: the engine's figures, and a regression's fit, with no record made for them
            double[] m = engine.costAndCorrect(batch);
            if (trainFit != null) {
                trainFit.addStandardized(engine.outputs(), batch.y, batch.size(), scaling);
            }
            int correct = scaling == null ? (int) m[1] : 0;
            divergence.started(m[0] / batch.size()); // the first step's loss is the starting network's
            trainCost += m[0];
            trainCorrect += correct;
            trainSeen += batch.size();
            if (listener != null) {
                listener.onMinibatch(epoch, m[0], correct, batch.size());
                listener.onBatch(epoch, done, total, trainCost / trainSeen);
            }
        }

        boolean listenerStops() {
            return listener != null && listener.stopRequested();
        }

        void checkFinite(int epoch) {
            divergence.afterEpoch(epoch, Double.NaN, net);
        }

        void report(int epoch, long t0, Measured validation, double lr) {
            divergence.afterEpoch(epoch, trainSeen == 0 ? Double.NaN : trainCost / trainSeen, net);
            if (listener != null) {
                double seconds = (System.nanoTime() - t0) / 1e9;
                listener.onEpoch(new EpochStats(
                        epoch,
                        trainSeen == 0 ? Double.NaN : trainCost / trainSeen,
                        trainSeen == 0 || scaling != null ? Double.NaN : (double) trainCorrect / trainSeen,
                        validation.loss(),
                        validation.accuracy(),
                        lr,
                        seconds,
                        (trainSeen + validation.rows()) / seconds,
                        trainFit,
                        validation.metrics()));
            }
            trainCost = 0;
            trainCorrect = 0;
            trainSeen = 0;
            trainFit = newFit();
        }
    }

    /** The article's loop, exactly. */
    private final class ArticleRun extends Run {
        final Dataset data;

        ArticleRun(
                Network net,
                Dataset data,
                TrainingSettings settings,
                Rng rng,
                EpochListener listener,
                Checkpointer cp) {
            super(net, data, settings, rng, listener, cp);
            this.data = data;
        }

        List<Double> run(Checkpointer.Position from) {
            int n = data.size();
            int bs = settings.batchSize();
            int batches = (n + bs - 1) / bs;
            for (int e = from.epoch(); e <= settings.epochs(); e++) {
                long t0 = System.nanoTime();
                // The epoch's shuffle is redrawn from the generator's state at the epoch's start, so a run
                // resumed mid-epoch sees the same order.
                Rng.State epochStart = e == from.epoch() ? from.epochStart() : rng.save();
                rng.restore(epochStart);
                int[] order = rng.permutation(n);
                for (int b = e == from.epoch() ? from.batch() : 0; b < batches - 1; b++) {
                    batch.assign(data, order, b * bs, Math.min(n, (b + 1) * bs));
                    if (settings.path() == GradientPath.BATCHED) {
                        engine.step(batch, settings.learningRate());
                    } else {
                        engine.forward(batch);
                        referenceStep(net, batch, settings.learningRate());
                    }
                    measured(e, Math.min(n, (b + 1) * bs), n);
                    if (checkpointer.stopRequested() || Thread.currentThread().isInterrupted()) {
                        Checkpointer.Position here = new Checkpointer.Position(e, b + 1, epochStart);
                        checkpointer.save(here);
                        throw new TrainingStopped(here);
                    }
                }
                batch.assign(data, order, (batches - 1) * bs, n);
                engine.forward(batch);
                org.mlp4j.data.RegressionMetrics fit = newFit();
                Measured validation = measure(fit).withFit(fit);
                checkFinite(e);
                history.add(validation.score());
                checkpointer.save(new Checkpointer.Position(e + 1, 0, rng.save()));
                report(e, t0, validation, settings.learningRate());
                if (listenerStops()) {
                    break;
                }
            }
            return history;
        }
    }

    /** The modern loop: held-out validation, an optimizer, a schedule, regularisation, augmentation. */
    private final class ModernRun extends Run {
        final Dataset train;
        final Dataset validation;
        final Optimizer optimizer;

        ModernRun(
                Network net,
                Dataset data,
                TrainingSettings settings,
                Rng rng,
                EpochListener listener,
                Checkpointer cp) {
            super(net, data, settings, rng, listener, cp);
            int held = Math.max(0, settings.validation().heldOut());
            this.train = held == 0 ? data : data.slice(0, data.size() - held);
            this.validation = held == 0 ? null : data.slice(data.size() - held, data.size());
            this.optimizer = new Optimizer(settings.optimizer(), net);
        }

        List<Double> run(Checkpointer.Position from) {
            int n = train.size();
            int bs = settings.batchSize();
            int batches = (n + bs - 1) / bs;
            long step = from.step();
            if (step > 0 || !from.state().isEmpty()) {
                optimizer.restore(withoutPrefix(from.state(), "optimizer."), step);
            }
            // dropout masks and distortions are drawn from keys derived from the run's seed, which a
            // resumed run has too, so they do not depend on where a run was interrupted
            long seedKey = Rng.regularizationKey(rng.seed());
            engine.regularize(
                    settings.regularization().inputDropout(),
                    settings.regularization().hiddenDropout(),
                    settings.regularization().maxNorm(),
                    seedKey);
            EarlyStopping stopping = settings.patience() > 0 ? new EarlyStopping(net, settings.patience()) : null;
            if (stopping != null && from.epoch() > 1) {
                stopping.restore(withoutPrefix(from.state(), "early."));
            }
            double lr = settings.learningRate();
            for (int e = from.epoch(); e <= settings.epochs(); e++) {
                long t0 = System.nanoTime();
                Rng.State epochStart = e == from.epoch() ? from.epochStart() : rng.save();
                rng.restore(epochStart);
                int[] order = rng.permutation(n);
                batch.augment(settings.augmentation(), seedKey * 31 + e);
                for (int b = e == from.epoch() ? from.batch() : 0; b < batches; b++) {
                    lr = settings.schedule()
                            .rate(settings.learningRate(), e - 1 + (double) b / batches, settings.epochs());
                    batch.assign(train, order, b * bs, Math.min(n, (b + 1) * bs));
                    optimizer.learningRate(lr);
                    engine.step(batch, optimizer, step++);
                    measured(e, Math.min(n, (b + 1) * bs), n);
                    if (checkpointer.stopRequested() || Thread.currentThread().isInterrupted()) {
                        Checkpointer.Position here =
                                new Checkpointer.Position(e, b + 1, epochStart, step, state(stopping));
                        checkpointer.save(here);
                        throw new TrainingStopped(here);
                    }
                }
                batch.augment(null, 0);
                checkFinite(e);
                Measured v = validation == null ? Measured.NONE : evaluate(validation);
                history.add(v.score());
                boolean stop = stopping != null && stopping.shouldStop(e, v.score());
                checkpointer.save(new Checkpointer.Position(
                        stop ? settings.epochs() + 1 : e + 1, 0, rng.save(), step, state(stopping)));
                report(e, t0, v, lr);
                if (stop || listenerStops()) {
                    break;
                }
            }
            if (stopping != null) {
                stopping.restoreBest();
            }
            return history;
        }

        /** Everything beyond the parameters a checkpoint must hold, as named tensors. */
        private java.util.Map<String, float[]> state(EarlyStopping stopping) {
            java.util.Map<String, float[]> state = new java.util.LinkedHashMap<>();
            optimizer.state().forEach((k, v) -> state.put("optimizer." + k, v));
            if (stopping != null) {
                stopping.state().forEach((k, v) -> state.put("early." + k, v));
            }
            return state;
        }

        /** Mean cost, accuracy (or a regression's fit) over a dataset, without dropout. */
        private Measured evaluate(Dataset d) {
            int bs = settings.batchSize();
            double cost = 0;
            int correct = 0;
            org.mlp4j.data.RegressionMetrics fit = newFit();
            for (int from = 0; from < d.size(); from += bs) {
                batch.assign(d, null, from, Math.min(d.size(), from + bs));
                engine.forward(batch);
                Measured m = measure(fit);
                cost += m.cost();
                correct += m.correct();
            }
            return new Measured(cost, scaling == null ? correct : Double.NaN, d.size()).withFit(fit);
        }
    }

    /**
     * A cost summed over {@code rows} examples, the number of them classified correctly (NaN for a
     * regression), and a regression's fit (else null).
     */
    private record Measured(double cost, double correctCount, int rows, org.mlp4j.data.RegressionMetrics metrics) {
        static final Measured NONE = new Measured(Double.NaN, Double.NaN, 0, null);

        Measured(double cost, double correct, int rows) {
            this(cost, correct, rows, null);
        }

        Measured withFit(org.mlp4j.data.RegressionMetrics f) {
            return f == null ? this : new Measured(cost, correctCount, rows, f);
        }

        int correct() {
            return Double.isNaN(correctCount) ? 0 : (int) correctCount;
        }

        double loss() {
            return rows == 0 ? Double.NaN : cost / rows;
        }

        double accuracy() {
            return rows == 0 ? Double.NaN : correctCount / rows;
        }

        /** What early stopping and the history watch: accuracy, or a regression's R². */
        double score() {
            return metrics != null ? metrics.fit().r2() : accuracy();
        }
    }

    private static java.util.Map<String, float[]> withoutPrefix(java.util.Map<String, float[]> state, String prefix) {
        java.util.Map<String, float[]> m = new java.util.LinkedHashMap<>();
        state.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                m.put(k.substring(prefix.length()), v);
            }
        });
        return m;
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
        float[] w = batch.weights();
        ReferenceNetwork.updateParams(net, xs, ys, w == null ? null : java.util.Arrays.copyOf(w, n), lr);
    }
}
