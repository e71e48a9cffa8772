package org.mlp4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.mlp4j.MultilayerPerceptron;
import org.mlp4j.model.Network;
import org.mlp4j.recipe.TrainingPlan;
import org.mlp4j.train.Checkpointer;

/** The two lines that say what is about to be trained, on what, and how (a resumed run says from where). */
final class Banner {
    private Banner() {}

    static void print(
            PrintWriter err,
            TrainingPlan plan,
            TrainingData td,
            Network net,
            Checkpointer.Position from,
            Path resume,
            int nThreads) {
        err.printf(
                Locale.ROOT,
                "mlp4j: %s %s %s%s/%s, %s, %d epochs, batch %d, lr %s (%s), seed %d, %d threads, %s kernels%n",
                resume != null
                        ? "resuming " + resume + " at epoch " + from.epoch() + ", minibatch " + from.batch() + ":"
                        : "training",
                Options.layersText(net.sizes()),
                net.activation().id(),
                net.outputActivation() == net.activation()
                        ? ""
                        : "+" + net.outputActivation().id(),
                net.cost().id(),
                plan.optimizerName(),
                plan.epochs(),
                plan.batchSize(),
                plan.learningRate(),
                plan.scheduleDescription(),
                plan.seed(),
                nThreads,
                MultilayerPerceptron.kernels());
        err.printf(
                Locale.ROOT,
                "mlp4j: %s: %d training examples%s, %d test examples%n",
                td.description(),
                td.train().size() - plan.heldOut(),
                plan.heldOut() > 0
                        ? ", " + plan.heldOut() + " held out for validation"
                        : plan.isArticle() ? " (validation: the last minibatch of each epoch, as in the article)" : "",
                td.test().size());
        err.flush();
    }
}
