package org.mlp4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mlp4j.io.ModelFile;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Network;
import org.mlp4j.recipe.Recipe;
import org.mlp4j.recipe.TrainingPlan;
import org.mlp4j.train.Checkpointer;
import org.mlp4j.train.EpochListener;

/**
 * One run of {@code train} or {@code spark-train} on data read here (MNIST, Fashion-MNIST, a CSV file): the
 * recipe fitted to the data, the banner, the run record, the training itself (a {@link Fitter}: this
 * machine's, or Spark's), the test accuracy and the end of the run.
 */
final class TrainingRun {
    /** How the network is trained: on this machine, or spread over Spark. */
    interface Fitter {
        /**
         * Trains {@code net} in place, telling {@code listener} about each epoch.
         *
         * @param at where the run stands: its generator, position, threads, metadata and clock
         */
        void fit(Network net, TrainingData td, TrainingPlan plan, EpochListener listener, Context at);

        /** What the result line adds after the epochs ({@code spark-train}: the workers). */
        default String resultExtra() {
            return "";
        }
    }

    /**
     * Where a run stands when training starts: its generator, the position it starts from (a resumed
     * checkpoint's, or the beginning), the threads, the metadata checkpoints keep, the training
     * seconds before a resume, and the clock's start.
     */
    record Context(
            Rng rng,
            Checkpointer.Position from,
            int threads,
            Map<String, String> meta,
            double secondsBefore,
            long t0) {}

    /** A recipe, what to call it, and the checkpoint a run resumes (or null). */
    record Resolved(Recipe recipe, String name, Path resumeFile, ModelFile.Checkpoint resumed) {}

    private final RunOptions run;
    private final PrintWriter out;
    private final PrintWriter err;

    TrainingRun(RunOptions run, PrintWriter out, PrintWriter err) {
        this.run = run;
        this.out = out;
        this.err = err;
    }

    /** Reads the data, trains with {@code fitter} and ends the run; returns the exit status. */
    int execute(Resolved resolved, Fitter fitter) {
        int nThreads = run.threadCount();
        Recipe r = resolved.recipe();
        ModelFile.Checkpoint resumed = resolved.resumed();
        // Check where results go, and the whole recipe, before fetching or reading any data.
        Path runsRoot = run.checkOutputs();
        r.plan(Integer.MAX_VALUE, RunOptions.isCsv(r) ? 0 : 28);
        TrainingData td = TrainingData.load(r, run.data, this::note);
        if (resumed != null) {
            TrainCommand.sameData(resumed.metadata(), td, resolved.resumeFile());
        }
        // what the user did not set follows the data (layer ends, batch size, a table's validation split)
        r = r.fitTo(td.train().features(), td.train().classes(), td.train().size(), RunOptions.isCsv(r), this::note);
        TrainingPlan plan = r.plan(td.train().size(), td.imageSide());
        Rng rng = new Rng(plan.seed());
        Start start = Start.of(resolved, plan, rng);
        Network net = start.net();
        Checkpointer.Position from = start.from();
        double secondsBefore = start.secondsBefore();
        Banner.print(err, plan, td, net, from, resolved.resumeFile(), nThreads);
        long t0 = System.nanoTime();
        Map<String, String> meta = metadata(resolved.name(), plan, td);
        try (RunRecord record = RunRecord.start(
                        runsRoot, run.runName, resolved.name(), plan.recipe().toJson())
                .warningsTo(w -> err.println("mlp4j: warning: " + w))) {
            err.println("mlp4j: recording the run in " + record.dir());
            fitter.fit(
                    net,
                    td,
                    plan,
                    new EpochPrinter(out, err, plan, record),
                    new Context(rng, from, nThreads, meta, secondsBefore, t0));
            double trainSeconds = secondsBefore + (System.nanoTime() - t0) / 1e9;
            TestScore test = TestScore.of(net, td.test(), nThreads);
            out.println(test.line(plan.isArticle()));
            run.finish(
                    out, err, record, net, meta, td.tensors(), test, trainSeconds, plan.epochs(), fitter.resultExtra());
        }
        return 0;
    }

    /** A line about the run, on the error stream at once. */
    private void note(String line) {
        err.println("mlp4j: " + line);
        err.flush();
    }

    /** Where training starts: a new network at the start, or a checkpoint's network, position and time. */
    private record Start(Network net, Checkpointer.Position from, double secondsBefore) {
        static Start of(Resolved resolved, TrainingPlan plan, Rng rng) {
            ModelFile.Checkpoint resumed = resolved.resumed();
            if (resumed == null) {
                Network net = plan.network(rng);
                return new Start(net, Checkpointer.Position.start(rng), 0);
            }
            double seconds = seconds(
                    resumed.metadata().getOrDefault("train_seconds", "0"),
                    resolved.resumeFile() + ": metadata train_seconds");
            return new Start(resumed.network(), resumed.position(), seconds);
        }
    }

    /** What the model file, checkpoints and run record keep about the run. */
    private static Map<String, String> metadata(String recipeName, TrainingPlan plan, TrainingData td) {
        Map<String, String> meta = new LinkedHashMap<>();
        // the recipe as trained (a table's distortions off, a regression's output and cost): what a resumed
        // run and the files' readers must see, not the recipe before it met the data
        meta.put("recipe", plan.recipe().toJson());
        meta.put("recipe_name", recipeName);
        meta.put("seed", Long.toString(plan.seed()));
        meta.put("dataset", td.id());
        if (td.train().regression()) {
            meta.put("task", org.mlp4j.io.ModelFile.REGRESSION);
            meta.put("target_names", td.classNames());
        } else {
            meta.put("class_names", td.classNames());
        }
        meta.put("input_scaling", td.inputScaling());
        if (td.featureNames() != null) {
            meta.put("feature_names", td.featureNames());
        }
        return meta;
    }

    private static double seconds(String text, String field) {
        try {
            double d = Double.parseDouble(text.trim());
            if (Double.isFinite(d) && d >= 0) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new org.mlp4j.InvalidInputException(field + ": expected a number of seconds, found '" + text + "'");
    }
}
