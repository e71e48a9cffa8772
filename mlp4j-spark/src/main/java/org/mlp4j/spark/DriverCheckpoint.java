package org.mlp4j.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.mlp4j.InvalidInputException;
import org.mlp4j.io.ModelFile;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Network;
import org.mlp4j.recipe.TrainingPlan;

/**
 * The driver's state written down: a model file (the averaged network, which {@code mlp4j predict} reads
 * like any model) whose metadata holds the job it belongs to, the position, each partition's generator and
 * the figures so far, and whose extra tensors hold the optimizer's state. Doubles are kept as their bits,
 * so the run continues exactly. Written through Hadoop's file systems (any URI Spark reads) by {@link
 * HadoopFiles#replace}; a driver killed between its delete and its rename leaves the complete {@code .tmp},
 * which is read in its place.
 */
final class DriverCheckpoint {
    private static final String JOB = "spark_job.";
    private static final String AT = "spark_checkpoint.";

    private DriverCheckpoint() {}

    /** Parts of a job's key too long to print in a message: a refusal says only that they differ. */
    private static final java.util.Set<String> LONG = java.util.Set.of(JOB + "recipe", JOB + "data");

    /**
     * What makes two fits the same job: resuming any other's checkpoint would train something else.
     *
     * @param spec the job
     * @param shardSizes rows per partition
     * @param dataFingerprints each partition's {@link Shard#fingerprint}: the same recipe on other rows of the
     *     same sizes is another job
     * @return the key, as metadata entries
     */
    static Map<String, String> job(JobSpec spec, List<Integer> shardSizes, List<Long> dataFingerprints) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(JOB + "recipe", spec.recipeJson());
        m.put(JOB + "workers", Integer.toString(spec.workers()));
        m.put(JOB + "rows_per_worker", shardSizes.toString());
        m.put(JOB + "data", dataFingerprints.toString());
        Distribution d = spec.distribution();
        m.put(JOB + "rounds_per_epoch", Integer.toString(d.roundsPerEpoch()));
        m.put(JOB + "lr_scaling", d.lrScaling().name().toLowerCase(java.util.Locale.ROOT));
        m.put(JOB + "input_scaling", spec.pixelScale() ? "pixel/255" : "none");
        return m;
    }

    /**
     * Writes the state.
     *
     * @param where the location
     * @param hadoop the file systems' configuration
     * @param s the state after a round
     * @param job {@link #job}
     * @param plan the network's architecture
     * @param targets a regression's target scaling (kept, so the checkpoint reads as the model it is), or null
     */
    static void write(
            Checkpointing where,
            Configuration hadoop,
            DriverState s,
            Map<String, String> job,
            TrainingPlan plan,
            org.mlp4j.data.Standardizer targets) {
        Map<String, String> meta = new LinkedHashMap<>(job);
        meta.put("recipe", job.get(JOB + "recipe"));
        meta.put("dataset", "spark");
        meta.put("input_scaling", job.get(JOB + "input_scaling"));
        Map<String, float[]> tensors = new LinkedHashMap<>(s.state);
        if (targets != null) {
            // a regression: read as a classifier, its outputs would be taken for class scores
            meta.put("task", ModelFile.REGRESSION);
            tensors.put("target.mean", targets.mean());
            tensors.put("target.std", targets.std());
        }
        meta.put(AT + "step", Long.toString(s.step));
        meta.put(AT + "epoch", Integer.toString(s.epoch));
        meta.put(AT + "batch", Integer.toString(s.batch));
        meta.put(AT + "rounds", Integer.toString(s.rounds));
        meta.put(AT + "overhead", bits(s.overhead));
        meta.put(AT + "start_loss", bits(s.startLoss));
        meta.put(
                AT + "tally",
                bits(s.tally.cost) + "," + s.tally.correct + "," + s.tally.seen + "," + bits(s.tally.seconds));
        meta.put(
                AT + "rng_state",
                Arrays.stream(s.rngState).mapToObj(Long::toString).collect(Collectors.joining(",")));
        StringBuilder spares = new StringBuilder();
        for (int p = 0; p < s.workers(); p++) {
            spares.append(p == 0 ? "" : ",").append(s.spare[p] ? bits(s.spareValue[p]) : "none");
        }
        meta.put(AT + "rng_spare", spares.toString());
        Network net = Network.of(plan.sizes(), plan.hidden(), plan.output(), plan.cost(), s.weights, s.biases);
        byte[] bytes = ModelFile.encode(net, meta, tensors);
        HadoopFiles.replace(where.location(), bytes, hadoop, "checkpoint");
    }

    /**
     * The state saved at the location for this job, or null when there is none.
     *
     * @param where the location
     * @param hadoop the file systems' configuration
     * @param job what this fit is ({@link #job})
     * @return the state to continue from, or null
     * @throws InvalidInputException when the checkpoint there belongs to another job, or is not one
     */
    static DriverState read(Checkpointing where, Configuration hadoop, Map<String, String> job) {
        Path target = new Path(where.location());
        byte[] bytes;
        try {
            FileSystem fs = target.getFileSystem(hadoop);
            Path file = target;
            FileStatus found = HadoopFiles.checkedStatus(fs, file, "checkpoint");
            if (found == null) {
                file = new Path(where.location() + ".tmp"); // killed between writing and renaming
                if (HadoopFiles.checkedStatus(fs, file, "checkpoint") == null) {
                    return null;
                }
            }
            try (InputStream in = fs.open(file)) {
                bytes = in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": could not read the checkpoint", e);
        }
        ModelFile.Loaded m = ModelFile.decode(bytes, target.toString());
        Map<String, String> meta = m.metadata();
        for (Map.Entry<String, String> e : job.entrySet()) {
            String found = meta.get(e.getKey());
            if (!e.getValue().equals(found)) {
                String what = e.getKey().substring(JOB.length());
                String differs = LONG.contains(e.getKey())
                        ? what + " differs"
                        : what + ": this fit's is " + e.getValue() + ", the checkpoint's " + found;
                throw new InvalidInputException(
                        "checkpoint",
                        target + ": a checkpoint of another job (" + differs + "); remove it or write this fit's"
                                + " checkpoints elsewhere");
            }
        }
        return state(m, meta, target);
    }

    private static DriverState state(ModelFile.Loaded m, Map<String, String> meta, Path file) {
        try {
            String[] rng = meta.get(AT + "rng_state").split(",");
            String[] spares = meta.get(AT + "rng_spare").split(",");
            DriverState s = new DriverState(rng.length);
            for (int p = 0; p < rng.length; p++) {
                boolean has = !spares[p].equals("none");
                s.setGenerator(p, new Rng.State(Long.parseLong(rng[p]), has, has ? value(spares[p]) : 0));
            }
            Network net = m.network();
            s.weights = new float[net.layerCount()][];
            s.biases = new float[net.layerCount()][];
            for (int l = 0; l < net.layerCount(); l++) {
                s.weights[l] = net.weights(l).clone();
                s.biases[l] = net.biases(l).clone();
            }
            s.state = new LinkedHashMap<>();
            m.extraTensors().forEach((name, t) -> {
                if (name.startsWith("optimizer.")) { // not a regression's target.* scaling
                    s.state.put(name, t);
                }
            });
            s.step = Long.parseLong(meta.get(AT + "step"));
            s.epoch = Integer.parseInt(meta.get(AT + "epoch"));
            s.batch = Integer.parseInt(meta.get(AT + "batch"));
            s.rounds = Integer.parseInt(meta.get(AT + "rounds"));
            s.overhead = value(meta.get(AT + "overhead"));
            s.startLoss = value(meta.get(AT + "start_loss"));
            String[] t = meta.get(AT + "tally").split(",");
            s.tally.cost = value(t[0]);
            s.tally.correct = Long.parseLong(t[1]);
            s.tally.seen = Long.parseLong(t[2]);
            s.tally.seconds = value(t[3]);
            return s;
        } catch (RuntimeException e) { // a missing key (NullPointerException) or a number that is not one
            throw new InvalidInputException(
                    "checkpoint",
                    file + ": expected a Spark training checkpoint's metadata, found it incomplete or" + " damaged ("
                            + e.getClass().getSimpleName() + ")");
        }
    }

    private static String bits(double v) {
        return Long.toHexString(Double.doubleToRawLongBits(v));
    }

    private static double value(String hex) {
        return Double.longBitsToDouble(Long.parseUnsignedLong(hex, 16));
    }
}
