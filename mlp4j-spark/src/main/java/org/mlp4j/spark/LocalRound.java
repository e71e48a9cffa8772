package org.mlp4j.spark;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.mlp4j.MultilayerPerceptron;
import org.mlp4j.data.Dataset;
import org.mlp4j.data.RegressionMetrics;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Network;
import org.mlp4j.recipe.TrainingPlan;
import org.mlp4j.train.Checkpointer;
import org.mlp4j.train.EpochListener;
import org.mlp4j.train.EpochStats;
import org.mlp4j.train.TrainingStopped;

/**
 * One partition's round, on its executor: mlp4j's own trainer ({@link TrainingPlan#fit}, the batched engine
 * inside) resumed from the broadcast state, exactly as a checkpoint is resumed, stopped after the round's
 * steps. A pure function of (job, state, shard): a task that is run again after a lost executor gives
 * the same result, bit for bit.
 */
final class LocalRound implements Function2<Integer, Iterator<Shard>, Iterator<RoundResult>> {
    private static final long serialVersionUID = 1L;
    private static final AtomicBoolean KERNELS_LOGGED = new AtomicBoolean();

    private final Broadcast<JobSpec> job;
    private final Broadcast<RoundState> round;

    LocalRound(Broadcast<JobSpec> job, Broadcast<RoundState> round) {
        this.job = job;
        this.round = round;
    }

    @Override
    public Iterator<RoundResult> call(Integer partition, Iterator<Shard> shards) {
        int p = partition;
        Shard shard = shards.next();
        JobSpec j = job.value();
        RoundState r = round.value();
        logKernelsOnce();
        TrainingPlan plan = j.plan();
        Network net = Network.of(plan.sizes(), plan.hidden(), plan.output(), plan.cost(), r.weights(), r.biases());
        Dataset data = TrainingRows.of(
                shard.dataset(j.classes(), j.pixelScale(), j.targetScaling()), j.trainRows(), j.heldOut()[p]);
        Rng rng = new Rng(j.seed(p));
        Rng.State start = new Rng.State(r.rngState()[p], r.rngSpare()[p], r.rngSpareValue()[p]);
        Checkpointer.Position from = new Checkpointer.Position(r.epoch(), r.batch(), start, r.step(), r.state());
        StopAfter stop = new StopAfter(r.steps());
        Measured measured = new Measured();
        Checkpointer.Position at;
        boolean finished = false;
        long t0 = System.nanoTime();
        try {
            j.plan(p, plan).fit(net, data, j.distribution().threadsPerWorker(), rng, measured, stop, from);
            at = stop.last;
            finished = true;
        } catch (TrainingStopped stopped) {
            at = stopped.position();
        }
        int layers = net.layerCount();
        float[][] w = new float[layers][];
        float[][] b = new float[layers][];
        for (int l = 0; l < layers; l++) {
            w[l] = net.weights(l).clone();
            b[l] = net.biases(l).clone();
        }
        Rng.State s = at.epochStart();
        return List.of(new RoundResult(
                        p,
                        w,
                        b,
                        at.state(),
                        at.step(),
                        at.epoch(),
                        at.batch(),
                        s.state(),
                        s.hasSpareGaussian(),
                        s.spareGaussian(),
                        measured.parts(),
                        finished,
                        MultilayerPerceptron.kernels(),
                        (System.nanoTime() - t0) / 1e9))
                .iterator();
    }

    /** One log line per executor JVM saying which kernels train: the vector module is easy to lose. */
    private static void logKernelsOnce() {
        if (KERNELS_LOGGED.compareAndSet(false, true)) {
            String name = MultilayerPerceptron.kernels();
            System.getLogger("org.mlp4j.spark")
                    .log(
                            "vector".equals(name) ? System.Logger.Level.INFO : System.Logger.Level.WARNING,
                            "mlp4j on this executor: " + name + " kernels"
                                    + ("vector".equals(name)
                                            ? ""
                                            : " (add --add-modules jdk.incubator.vector to"
                                                    + " spark.executor.extraJavaOptions for the Vector API ones)"));
        }
    }

    /** Stops training after a number of minibatch steps (never, for 0), keeping the last position saved. */
    private static final class StopAfter implements Checkpointer {
        private int remaining;
        Checkpointer.Position last;

        StopAfter(int steps) {
            this.remaining = steps;
        }

        @Override
        public void save(Checkpointer.Position position) {
            last = position;
        }

        @Override
        public boolean stopRequested() {
            return --remaining == 0;
        }
    }

    /** What the round measured of each epoch it touched: minibatch sums, and the validation of an epoch that ended. */
    private static final class Measured implements EpochListener {
        private final List<EpochPart> parts = new java.util.ArrayList<>();
        /** The epoch being summed (0: none), and its sums so far: plain fields, nothing allocated per step. */
        private int epoch;

        private double cost;
        private long correct;
        private long seen;

        /** Starts summing {@code e}, after keeping what the previous epoch of the round measured. */
        private void moveTo(int e) {
            if (epoch != e) {
                close(false, Double.NaN, Double.NaN, null);
                epoch = e;
            }
        }

        private void close(boolean validated, double loss, double accuracy, RegressionMetrics metrics) {
            if (epoch > 0) {
                parts.add(new EpochPart(epoch, cost, correct, seen, validated, loss, accuracy, metrics));
            }
            epoch = 0;
            cost = 0;
            correct = 0;
            seen = 0;
        }

        @Override
        public void onEpoch(EpochStats stats) {
            moveTo(stats.epoch());
            close(true, stats.validationLoss(), stats.validationAccuracy(), stats.validationMetrics());
        }

        @Override
        public void onMinibatch(int e, double costSum, int right, int size) {
            moveTo(e);
            cost += costSum;
            correct += right;
            seen += size;
        }

        /** Every epoch the round touched, in order, the one it stopped in included. */
        List<EpochPart> parts() {
            close(false, Double.NaN, Double.NaN, null);
            return List.copyOf(parts);
        }
    }
}
