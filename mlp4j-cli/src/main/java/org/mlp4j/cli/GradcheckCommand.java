package org.mlp4j.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mlp4j.eval.GradientCheck;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Activation;
import org.mlp4j.model.Cost;
import org.mlp4j.model.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlp4j gradcheck}: finite differences against backpropagation on a small random network. */
@Command(
        name = "gradcheck",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Check backpropagation against central finite differences, in double precision, on a random network"
                    + " and random examples.",
            "Prints the largest relative error per layer; exits 0 only when every layer is below 1e-6."
        })
final class GradcheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--layers", description = "Layer sizes (default: ${DEFAULT-VALUE}).", defaultValue = "5,4,3")
    String layers;

    @Option(
            names = "--activation",
            description = "Hidden layers: sigmoid, identity, tanh, relu, leaky-relu or gelu"
                    + " (default: ${DEFAULT-VALUE}).",
            defaultValue = "sigmoid")
    String activation;

    @Option(
            names = "--output-activation",
            description = "Output layer: any hidden activation or softmax (default: the" + " hidden activation).")
    String outputActivation;

    @Option(
            names = "--cost",
            description = "quadratic, cross-entropy or binary-cross-entropy (default: ${DEFAULT-VALUE}).",
            defaultValue = "quadratic")
    String cost;

    @Option(
            names = "--init",
            description = "article, he or glorot (default: ${DEFAULT-VALUE}).",
            defaultValue = "article")
    String init;

    @Option(
            names = "--dropout",
            description = "Check with fixed random dropout masks of this probability on the input"
                    + " and hidden layers (default: ${DEFAULT-VALUE}).",
            defaultValue = "0")
    double dropout;

    @Option(
            names = "--examples",
            description = "Examples in the minibatch (default: ${DEFAULT-VALUE}).",
            defaultValue = "4")
    int examples;

    /** Examples a check may use: enough to show every path through the network, and bounded memory. */
    static final int MAX_EXAMPLES = 1000;

    @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    long seed;

    @Override
    public Integer call() {
        int[] sizes = Options.parseLayers(layers);
        Activation sigma = Activation.byName(activation);
        Activation output = outputActivation == null ? sigma : Activation.byName(outputActivation);
        Cost c = Cost.byName(cost);
        org.mlp4j.model.Init scheme = org.mlp4j.model.Init.parse(init, "--init");
        if (!(dropout >= 0 && dropout < 1)) {
            throw new org.mlp4j.InvalidInputException("--dropout: expected a probability in [0, 1), found " + dropout);
        }
        if (examples < 1 || examples > MAX_EXAMPLES) {
            throw new org.mlp4j.InvalidInputException("--examples: expected 1 to " + MAX_EXAMPLES
                    + " (a check needs a few: each costs two passes per parameter), found " + examples);
        }
        Rng rng = new Rng(seed);
        Network net = Network.init(sizes, sigma, output, c, scheme, rng);
        double[][] xs = new double[examples][sizes[0]];
        double[][] ys = new double[examples][sizes[sizes.length - 1]];
        for (int i = 0; i < examples; i++) {
            for (int k = 0; k < xs[i].length; k++) {
                xs[i][k] = rng.nextDouble();
            }
            ys[i][rng.nextInt(ys[i].length)] = 1.0;
        }
        double[][][] masks = dropout > 0 ? masks(rng, sizes) : null;
        List<GradientCheck.LayerResult> results = GradientCheck.check(net, xs, ys, masks);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                Locale.ROOT,
                "gradient check %s %s%s/%s, %s init%s, %d examples, step %.0e, tolerance %.0e%n",
                Options.layersText(sizes),
                sigma.id(),
                output == sigma ? "" : "+" + output.id(),
                c.id(),
                scheme.id(),
                dropout > 0 ? ", dropout " + dropout : "",
                examples,
                GradientCheck.STEP,
                GradientCheck.TOLERANCE);
        boolean ok = printResults(out, results);
        out.println(ok ? "passed" : "failed");
        out.flush();
        return ok ? 0 : 1;
    }

    /** Inverted-dropout masks for every example and layer input, drawn in that order. */
    private double[][][] masks(Rng rng, int[] sizes) {
        double[][][] masks = new double[examples][sizes.length - 1][];
        for (int i = 0; i < examples; i++) {
            for (int l = 0; l < sizes.length - 1; l++) {
                masks[i][l] = new double[sizes[l]];
                for (int k = 0; k < sizes[l]; k++) {
                    masks[i][l][k] = rng.nextDouble() < dropout ? 0 : 1 / (1 - dropout);
                }
            }
        }
        return masks;
    }

    /** One line per layer; true when every layer passed. */
    private static boolean printResults(PrintWriter out, List<GradientCheck.LayerResult> results) {
        boolean ok = true;
        for (GradientCheck.LayerResult r : results) {
            out.printf(
                    Locale.ROOT,
                    "layer %d (%d -> %d): max relative error %.3e (weights %.3e, biases %.3e) %s%n",
                    r.layer() + 1,
                    r.fanIn(),
                    r.fanOut(),
                    r.maxError(),
                    r.weightError(),
                    r.biasError(),
                    r.passed() ? "ok" : "FAILED");
            ok &= r.passed();
        }
        return ok;
    }
}
