package org.mlp4j.spark;

import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.mlp4j.data.Standardizer;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Network;
import org.mlp4j.recipe.TrainingPlan;
import org.mlp4j.train.EpochListener;
import org.mlp4j.train.EpochStats;
import org.mlp4j.train.TrainingDiverged;

/**
 * The driver's loop over rounds: each round broadcasts the {@link DriverState}, runs one Spark job in which
 * every partition takes the round's steps ({@link LocalRound}), and averages the results; epoch figures go
 * to the listener, divergence stops the run, and every few rounds the state is checkpointed.
 */
final class RoundLoop {
    private final JavaRDD<Shard> shards;
    private final JavaSparkContext sc;
    private final JobSpec spec;
    private final TrainingPlan plan;
    private final EpochListener listener;
    private final Checkpointing checkpoints;
    private final Map<String, String> jobKey;
    private final int perEpoch;
    private final int[] bounds;
    /** Whole epochs a round spans (1: rounds end at {@link #bounds} within each epoch). */
    private final int epochsPerRound;

    /** The learning rate as the run uses it, and what to change, for a divergence's message. */
    private final String setting;

    private final String advice;

    /** 1: every result collected at the driver; k: summed on the executors in groups of k first. */
    private final int fanIn;

    private String kernels = "";
    private RoundCosts costs = RoundCosts.NONE;

    RoundLoop(
            JavaRDD<Shard> shards,
            JobSpec spec,
            TrainingPlan plan,
            List<Integer> shardSizes,
            EpochListener listener,
            Checkpointing checkpoints) {
        this.shards = shards;
        this.sc = JavaSparkContext.fromSparkContext(shards.context());
        this.spec = spec;
        this.plan = plan;
        this.listener = listener;
        this.checkpoints = checkpoints;
        // the key a checkpoint is kept under; the data's fingerprints cost a pass over the cached shards,
        // taken only when there are checkpoints
        this.jobKey = checkpoints.enabled()
                ? DriverCheckpoint.job(
                        spec,
                        shardSizes,
                        DistributedTrainer.unwrap(
                                () -> shards.map(Shard::fingerprint).collect()))
                : Map.of();
        this.fanIn = TreeAveraging.fanIn(
                resultBytes(plan),
                spec.workers(),
                sc.getConf().getSizeAsBytes("spark.driver.maxResultSize", "1g"),
                TreeAveraging.requested(sc));
        Distribution d = spec.distribution();
        this.perEpoch = spec.stepsPerEpoch(plan);
        this.epochsPerRound = d.epochsPerRound(perEpoch, spec.workers());
        this.bounds = epochsPerRound > 1
                ? new int[] {perEpoch}
                : boundaries(perEpoch, d.lrScaling().rounds(d.askedRounds(), spec.workers()));
        String rule = d.lrScaling().name().toLowerCase(java.util.Locale.ROOT);
        this.setting = String.format(
                java.util.Locale.ROOT,
                "learning rate %s x %.4g (lrScaling %s, %d workers)",
                plan.learningRate(),
                spec.lrFactor(),
                rule,
                spec.workers());
        this.advice = advice(d.lrScaling());
    }

    /** Trains from the start, or from this job's checkpoint, to the end. */
    DistributedTrainer.Result run(Standardizer targets) {
        Broadcast<JobSpec> job = sc.broadcast(spec);
        DriverState s = startOrResume();
        while (true) {
            RoundResult first = round(s, job);
            if (first.finished()) {
                break;
            }
            s.epoch = first.epoch();
            s.batch = first.batch();
            if (checkpoints.enabled() && s.rounds % checkpoints.everyRounds() == 0) {
                DriverCheckpoint.write(checkpoints, sc.hadoopConfiguration(), s, jobKey, plan, targets);
            }
        }
        job.destroy();
        return new DistributedTrainer.Result(
                network(s), plan, spec.workers(), s.rounds, s.overhead, kernels, targets, costs);
    }

    private DriverState startOrResume() {
        DriverState s =
                checkpoints.enabled() ? DriverCheckpoint.read(checkpoints, sc.hadoopConfiguration(), jobKey) : null;
        if (s == null) {
            // partition 0 draws the network and then shuffles from the same generator, as one machine does
            Rng rng0 = new Rng(plan.seed());
            return DriverState.start(plan.network(rng0), rng0, spec);
        }
        System.getLogger("org.mlp4j.spark")
                .log(
                        System.Logger.Level.INFO,
                        "resuming from " + checkpoints.location() + " at epoch " + s.epoch + ", minibatch " + s.batch
                                + " (round " + s.rounds + ")");
        return s;
    }

    /** One round: its job, the average, the overhead, and the figures of an epoch it finished validating. */
    private RoundResult round(DriverState s, Broadcast<JobSpec> job) {
        // the whole round is timed: the broadcast, the job, and the driver's averaging after it
        long t0 = System.nanoTime();
        int steps = steps(s.epoch, s.batch);
        Broadcast<RoundState> b = sc.broadcast(s.round(steps));
        List<?> got;
        try {
            got = DistributedTrainer.unwrap(() -> {
                JavaRDD<RoundResult> rounds = shards.mapPartitionsWithIndex(new LocalRound(job, b), true);
                return fanIn > 1 ? TreeAveraging.groups(rounds, fanIn) : rounds.collect();
            });
        } catch (TrainingDiverged worker) {
            throw new TrainingDiverged(worker.epoch(), worker.what() + " on a worker", setting, advice);
        }
        // the job is done: what follows is the driver's own work, averaging
        long averaging = System.nanoTime();
        @SuppressWarnings("unchecked")
        TreeAveraging.Collected collected = fanIn > 1
                ? TreeAveraging.ofGroups((List<GroupSum>) got, spec.workers())
                : TreeAveraging.flat((List<RoundResult>) got);
        b.destroy();
        s.rounds++;
        s.take(collected);
        List<RoundResult> results = collected.results();
        long t1 = System.nanoTime();
        double seconds = (t1 - t0) / 1e9;
        RoundResult first = results.get(0);
        kernels = first.kernels();
        double slowest = 0;
        double total = 0;
        for (RoundResult res : results) {
            slowest = Math.max(slowest, res.computeSeconds());
            total += res.computeSeconds();
        }
        s.overhead += Math.max(0, seconds - slowest);
        costs = costs.plus(seconds, slowest, total / results.size(), (t1 - averaging) / 1e9);
        // each epoch the round touched, in order: its minibatches' figures, then, if it ended, its report (an
        // epoch validated at the round's start took its minibatches in earlier rounds)
        List<EpochPart> parts = first.parts();
        long trained = parts.stream().filter(p -> p.seen() > 0).count();
        for (EpochPart part : parts) {
            s.tally.add(results, part.epoch(), part.seen() > 0 ? seconds / trained : 0);
            if (s.rounds == 1 && part == parts.get(0)) {
                s.startLoss = s.tally.meanLoss(); // the first steps: mostly the starting network's loss
            }
            if (part.validated()) {
                EpochStats stats = s.tally.finish(part.epoch(), results, plan, spec, perEpoch);
                TrainingDiverged.check(stats.epoch(), stats.trainLoss(), s.startLoss, network(s), setting, advice);
                if (!Double.isFinite(s.startLoss)) {
                    s.startLoss = stats.trainLoss(); // no start measured: the first epoch's loss is the start
                }
                if (listener != null) {
                    listener.onEpoch(stats);
                }
            }
        }
        return first;
    }

    /**
     * The minibatch steps of the round that starts at (epoch, batch): to the next bound within the epoch, or
     * at an epoch's end the first bound of the next (0 after the last: the round only validates it); with
     * rounds of whole epochs, up to {@link #epochsPerRound} epochs, and no further than the last.
     */
    private int steps(int epoch, int batch) {
        int epochs = plan.epochs();
        if (batch == perEpoch) {
            return epoch == epochs
                    ? 0
                    : epochsPerRound > 1 ? Math.min(epochsPerRound, epochs - epoch) * perEpoch : bounds[0];
        }
        if (epochsPerRound > 1 && batch == 0) {
            return Math.min(epochsPerRound, epochs - epoch + 1) * perEpoch;
        }
        return nextBound(bounds, batch) - batch;
    }

    private Network network(DriverState s) {
        return Network.of(plan.sizes(), plan.hidden(), plan.output(), plan.cost(), s.weights, s.biases);
    }

    /**
     * About the bytes one worker's round result carries to the driver: its parameters and its optimizer's
     * state tensors (momentum: as many again; Adam: twice as many), 4 bytes a value.
     */
    static long resultBytes(TrainingPlan plan) {
        Network net = plan.network(new Rng(plan.seed()));
        long values = 0;
        for (int l = 0; l < net.layerCount(); l++) {
            values += net.weights(l).length + net.biases(l).length;
        }
        long perParameter = 1 + plan.updateRuleCopies();
        return 4 * values * perParameter;
    }

    /** What to change when a run diverges: a gentler rule than the one in use, fewer workers, a lower rate. */
    static String advice(Distribution.LrScaling rule) {
        String gentler = switch (rule) {
            case AUTO, LINEAR -> "lrScaling sqrt (--lr-scaling), ";
            case SQRT -> "lrScaling none (--lr-scaling), ";
            case NONE -> "";
        };
        return "try " + gentler + "fewer workers (numWorkers, --workers) or a lower learning rate (lr)";
    }

    /** The minibatch indexes after which the rounds of an epoch end: ceil(r · B / R), the last being B. */
    static int[] boundaries(int perEpoch, int roundsPerEpoch) {
        int r = Math.min(roundsPerEpoch, perEpoch);
        int[] b = new int[r];
        for (int i = 1; i <= r; i++) {
            b[i - 1] = (int) ((long) i * perEpoch + r - 1) / r;
        }
        return b;
    }

    private static int nextBound(int[] bounds, int batch) {
        for (int b : bounds) {
            if (b > batch) {
                return b;
            }
        }
        return bounds[bounds.length - 1];
    }
}
