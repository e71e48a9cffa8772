package org.mlp4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlp4j.InvalidInputException;
import org.mlp4j.io.AtomicFile;
import org.mlp4j.io.ModelFile;
import org.mlp4j.recipe.Recipe;
import org.mlp4j.train.TrainingStopped;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlp4j train}: trains a network from a recipe (named, or a JSON/YAML file) with flags on top, on
 * this machine, and prints its test accuracy. The options it shares with {@code spark-train} are {@link
 * RunOptions}; checkpoints and resuming are its own.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Train a multilayer perceptron on MNIST, Fashion-MNIST or a CSV file and print its test accuracy.",
            "Settings come from a recipe (--recipe); every recipe key is also a flag, which wins. Keys a recipe"
                    + " does not set take their built-in value (shown below; the recipes are in recipes/)."
        })
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;

    @Option(
            names = "--checkpoint",
            description = "Write a checkpoint to this file at every epoch end and on Ctrl-C"
                    + " (atomically). With --resume, the default is the resumed file.")
    Path checkpoint;

    @Option(
            names = "--resume",
            description = "Continue the run saved in this checkpoint, with its recipe; the result is"
                    + " bit for bit that of an uninterrupted run.")
    Path resume;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path checkpointFile = checkpoint != null ? checkpoint : resume;
        if (checkpoint != null) {
            AtomicFile.checkWritable(checkpoint, "--checkpoint");
        }
        TrainingRun.Resolved resolved =
                resume != null ? resumed(err) : new TrainingRun.Resolved(run.recipe(err), run.recipeName(), null, null);
        TrainingRun.Fitter here = (net, td, plan, listener, at) -> {
            CliCheckpointer checkpointer =
                    new CliCheckpointer(checkpointFile, net, at.meta(), td.tensors(), at.secondsBefore(), at.t0());
            try {
                plan.fit(net, td.train(), at.threads(), at.rng(), listener, checkpointer, at.from());
            } catch (TrainingStopped stopped) {
                // said before the hook is released: once it returns, the JVM may end at any moment
                err.println("mlp4j: interrupted; checkpoint written to " + checkpointFile + " (epoch "
                        + stopped.position().epoch() + ", minibatch "
                        + stopped.position().batch()
                        + "); continue with: mlp4j train --resume " + checkpointFile);
                err.flush();
                throw stopped;
            } finally {
                checkpointer.finished();
            }
        };
        try {
            return new TrainingRun(run, out, err).execute(resolved, here);
        } catch (TrainingStopped stopped) {
            return 130;
        }
    }

    /** The checkpoint's run with its own recipe; a recipe or flag given beside --resume is refused. */
    private TrainingRun.Resolved resumed(PrintWriter err) {
        if (run.setsRecipe()) {
            throw new InvalidInputException("--resume continues the checkpoint's run with its own recipe; remove "
                    + String.join(
                            ", ",
                            run.flags().keySet().stream().map(k -> "--" + k).toList())
                    + (run.recipe != null || run.preset != null ? " --recipe" : ""));
        }
        ModelFile.Checkpoint loaded = ModelFile.loadCheckpoint(resume);
        String json = loaded.metadata().get("recipe");
        if (json == null) {
            throw new InvalidInputException(resume + ": checkpoint metadata: expected a recipe, found none");
        }
        Recipe r = RunOptions.settle(Recipe.fromJson(json, resume + " (its recipe)"), err);
        return new TrainingRun.Resolved(r, loaded.metadata().getOrDefault("recipe_name", "resumed"), resume, loaded);
    }

    /**
     * Refuses to resume a checkpoint on data whose classes or features differ from its own: the network
     * was relabelled in silence (classes cat/dog/eel resumed on apple/pear/plum tested at 0.34).
     */
    static void sameData(Map<String, String> checkpoint, TrainingData td, Path file) {
        boolean regression = td.train().regression();
        sameNames("class", checkpoint.get("class_names"), regression ? null : td.classNames(), file);
        sameNames("target", checkpoint.get("target_names"), regression ? td.classNames() : null, file);
        if (regression != org.mlp4j.io.ModelFile.REGRESSION.equals(checkpoint.get("task"))) {
            throw new InvalidInputException("--resume " + file + ": expected data for the checkpoint's task ("
                    + checkpoint.getOrDefault("task", "classification") + "), found "
                    + (regression ? "regression" : "classification") + " data");
        }
        sameNames("feature", checkpoint.get("feature_names"), td.featureNames(), file);
    }

    private static void sameNames(String what, String stored, String now, Path file) {
        if (stored == null || now == null || stored.equals(now)) {
            return;
        }
        List<String> a = List.of(stored.split(",", -1));
        List<String> b = List.of(now.split(",", -1));
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? "'" + a.get(i) + "'" : "none";
            String y = i < b.size() ? "'" + b.get(i) + "'" : "none";
            if (!x.equals(y)) {
                throw new InvalidInputException("--resume " + file + ": expected the checkpoint's " + what
                        + " names in the data, found a difference at " + what + " " + (i + 1) + ": the checkpoint has "
                        + TextOutput.safe(x) + ", the data " + TextOutput.safe(y));
            }
        }
    }
}
