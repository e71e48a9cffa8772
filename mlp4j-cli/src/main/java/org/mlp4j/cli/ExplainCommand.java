package org.mlp4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mlp4j.InvalidInputException;
import org.mlp4j.data.ImageDataset;
import org.mlp4j.io.ModelFile;
import org.mlp4j.model.Gradients;
import org.mlp4j.model.Network;
import org.mlp4j.model.ReferenceNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlp4j explain MODEL --example N}: one test digit traced through backpropagation. */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        description =
                "Trace one MNIST test image through the network: per layer the weighted input z, the activation a,"
                        + " the local error gradient delta and the sizes of the gradients, labelled with the article's equations.")
final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "A model file written by 'mlp4j train --save'.")
    Path model;

    @Option(
            names = "--example",
            description = "Index of the MNIST test image (default: ${DEFAULT-VALUE}).",
            defaultValue = "0")
    int example;

    @Mixin
    TestSetOptions testSet;

    @Override
    public Integer call() {
        ModelFile.Loaded loaded = ModelFile.load(model);
        Network net = loaded.network();
        PrintWriter out = spec.commandLine().getOut();
        DatasetChoice which = testSet.choice(loaded.metadata(), model);
        ImageDataset test = which.load(
                        testSet.data, line -> spec.commandLine().getErr().println("mlp4j: " + line))
                .test();
        if (example < 0 || example >= test.size()) {
            throw new InvalidInputException("--example: expected 0 to " + (test.size() - 1) + ", found " + example);
        }
        if (net.inputSize() != test.features() || net.outputSize() != test.classes()) {
            throw new InvalidInputException(model + ": expected a model with 784 inputs and 10 outputs for " + which.id
                    + ", found " + Options.layersText(net.sizes()));
        }
        double[] x = ReferenceNetwork.asDouble(test.features(example));
        double[] y = ReferenceNetwork.asDouble(test.oneHot(example));
        ReferenceNetwork.Trace t = ReferenceNetwork.of(net).trace(x, y);
        int layers = net.layerCount();
        double[] output = t.activations()[layers];
        int predicted = 0;
        for (int j = 1; j < output.length; j++) {
            if (output[j] > output[predicted]) {
                predicted = j;
            }
        }
        out.printf(
                Locale.ROOT,
                "test image %d, label %d, predicted %d; network %s, %s/%s; cost C = %.6f%n%n",
                example,
                test.label(example),
                predicted,
                Options.layersText(net.sizes()),
                net.activation().id()
                        + (net.outputActivation() == net.activation()
                                ? ""
                                : "+" + net.outputActivation().id()),
                net.cost().id(),
                t.cost());
        printForward(out, net, t, x);
        printBackward(out, net, t);
        out.flush();
        return 0;
    }

    /** The forward pass, layer by layer: z and a summarised, then the output. */
    private static void printForward(PrintWriter out, Network net, ReferenceNetwork.Trace t, double[] x) {
        int layers = net.layerCount();
        double[] output = t.activations()[layers];
        out.println("forward: z^l = W^l a^(l-1) + b^l, a^l = sigma(z^l)");
        out.printf(Locale.ROOT, "  a^0 (input)   %s%n", summary(x));
        for (int l = 0; l < layers; l++) {
            out.printf(
                    Locale.ROOT,
                    "  layer %d (%d -> %d)%n    z^%d  %s%n    a^%d  %s%n",
                    l + 1,
                    net.size(l),
                    net.size(l + 1),
                    l + 1,
                    summary(t.zs()[l]),
                    l + 1,
                    summary(t.activations()[l + 1]));
        }
        out.print("  output a^" + layers + ":");
        for (double v : output) {
            out.printf(Locale.ROOT, " %.3f", v);
        }
    }

    /** The backward pass, layer by layer: the equation that gives δ, δ summarised, and the gradients' norms. */
    private static void printBackward(PrintWriter out, Network net, ReferenceNetwork.Trace t) {
        int layers = net.layerCount();
        out.printf(Locale.ROOT, "%n%nbackward:%n");
        Gradients g = t.gradients();
        for (int l = layers - 1; l >= 0; l--) {
            String eq = l < layers - 1
                    ? "(2) delta^l = ((W^(l+1))^T delta^(l+1)) (.) sigma'(z^l)"
                    : org.mlp4j.model.Loss.fused(net.outputActivation(), net.cost())
                            ? "(1) delta^L = a^L - y (" + net.outputActivation().id() + " and "
                                    + net.cost().id() + " fused: dC/da (.) sigma'(z^L) simplifies to this)"
                            : net.outputActivation().elementwise()
                                    ? "(1) delta^L = dC/da (.) sigma'(z^L)"
                                    : "(1) delta^L = J_softmax(z^L)^T dC/da";
            out.printf(Locale.ROOT, "  layer %d  %s%n    delta^%d  %s%n", l + 1, eq, l + 1, summary(t.deltas()[l]));
            out.printf(
                    Locale.ROOT,
                    "    (3) |dC/dW^%d| = %.6e   |dC/db^%d| = %.6e   (dC/dW_jk = a_k delta_j, dC/db_j = delta_j)%n",
                    l + 1,
                    norm(g.weights(l)),
                    l + 1,
                    norm(g.biases(l)));
        }
    }

    private static String summary(double[] v) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (double d : v) {
            min = Math.min(min, d);
            max = Math.max(max, d);
            sum += d;
        }
        return String.format(
                Locale.ROOT,
                "%d values, min %.4g, mean %.4g, max %.4g, norm %.4g",
                v.length,
                min,
                sum / v.length,
                max,
                norm(v));
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
