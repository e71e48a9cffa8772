package org.mlp4j.cli;

import java.awt.Color;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mlp4j.InvalidInputException;
import org.mlp4j.MultilayerPerceptron;
import org.mlp4j.data.ImageDataset;
import org.mlp4j.io.AtomicFile;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Network;
import org.mlp4j.model.StandardActivation;
import org.mlp4j.model.StandardCost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlp4j landscape}: the article's picture of batch gradient descent against minibatch SGD, drawn
 * from a real network. From one start (the article's network and initialisation, smaller), both train on
 * the same MNIST examples with the article's update_params; both paths are projected onto the plane of
 * their two leading principal directions, centred on where batch gradient descent ended, and the cost is
 * evaluated on a grid in that plane.
 */
@Command(
        name = "landscape",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Draw the article's figure from a real network: batch gradient descent and minibatch SGD (batch"
                    + " 128) from one start, projected onto the two leading principal directions of their paths, over the"
                    + " contours of the cost in that plane. Writes a PNG and an SVG beside it.",
            "Both use the same number of training examples (equal-example budget); the figure gives each one's steps"
                    + " and seconds."
        })
final class LandscapeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--out",
            description = "The PNG to write; the SVG goes beside it (default: ${DEFAULT-VALUE}).",
            defaultValue = "docs/landscape.png")
    Path out;

    @Option(names = "--layers", description = "Layer sizes (default: ${DEFAULT-VALUE}).", defaultValue = "784,16,10")
    String layers;

    @Option(
            names = "--examples",
            description = "Training examples both methods see (default: ${DEFAULT-VALUE}).",
            defaultValue = "5000")
    int examples;

    @Option(
            names = "--steps",
            description = "Steps of batch gradient descent (default: ${DEFAULT-VALUE}); minibatch SGD"
                    + " takes as many steps as the same number of examples allows.",
            defaultValue = "40")
    int steps;

    @Option(
            names = "--batch-size",
            description = "Minibatch size of SGD (default: ${DEFAULT-VALUE}).",
            defaultValue = "128")
    int batch;

    @Option(names = "--lr", description = "Learning rate of both (default: ${DEFAULT-VALUE}).", defaultValue = "3.0")
    double lr;

    @Option(
            names = "--grid",
            description = "Grid points per side for the cost (default: ${DEFAULT-VALUE}).",
            defaultValue = "41")
    int grid;

    @Option(
            names = "--seed",
            description = "Seed of the start and of SGD's shuffles (default: ${DEFAULT-VALUE}).",
            defaultValue = "0")
    long seed;

    @Option(names = "--data", description = "Directory holding the MNIST files.")
    Path data;

    @Override
    public Integer call() {
        int[] sizes = Options.parseLayers(layers);
        if (examples < batch || examples > 60_000) {
            throw new InvalidInputException("--examples: expected " + batch + " to 60000, found " + examples);
        }
        if (steps < 2 || grid < 5 || grid > 201) {
            throw new InvalidInputException(
                    "--steps: expected at least 2 and --grid 5 to 201, found " + steps + " and " + grid);
        }
        if (!out.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
            // a PNG written under another name (x.svg, with the SVG as x.svg.svg) would mislead every viewer
            throw new InvalidInputException(
                    "--out: expected a .png file (the SVG goes beside it), found " + out.getFileName());
        }
        Path svg = Path.of(out.toString().replaceFirst("(?i)\\.png$", "") + ".svg");
        AtomicFile.checkWritable(out, "--out");
        PrintWriter o = spec.commandLine().getOut();
        ImageDataset train = Options.loadMnist(data, line -> {}).train();
        float[][][] xy = Trajectories.arrays(train, examples);
        Network start = Network.articleInit(sizes, StandardActivation.SIGMOID, StandardCost.QUADRATIC, new Rng(seed));
        int sgdSteps = (int) ((long) steps * examples / batch);
        Trajectories.Path gd =
                Trajectories.walk("batch gradient descent", start, xy[0], xy[1], examples, steps, lr, steps + 1, seed);
        Trajectories.Path sgd = Trajectories.walk(
                "minibatch SGD", start, xy[0], xy[1], batch, sgdSteps, lr, Math.min(sgdSteps, 120) + 1, seed + 1);
        List<double[]> all = new ArrayList<>(gd.points());
        all.addAll(sgd.points());
        double[] centre = gd.points().get(gd.points().size() - 1);
        Trajectories.Plane plane = Trajectories.plane(all, centre);
        double[][] gdXY = project(plane, gd.points());
        double[][] sgdXY = project(plane, sgd.points());
        double[] range = range(gdXY, sgdXY);
        double[] as = axis(range[0], range[1]);
        double[] bs = axis(range[2], range[3]);
        int evalN = Math.min(examples, 2000);
        float[][] ex = java.util.Arrays.copyOf(xy[0], evalN);
        float[][] ey = java.util.Arrays.copyOf(xy[1], evalN);
        Network probe = start.copy();
        double[][] cost = costGrid(probe, plane, as, bs, ex, ey);
        LandscapePlot.Figure f = new LandscapePlot.Figure(
                String.format(
                        Locale.ROOT,
                        "Batch gradient descent against minibatch SGD, MNIST %s sigmoid, quadratic cost",
                        Options.layersText(sizes)),
                as,
                bs,
                cost,
                List.of(gdXY, sgdXY),
                List.of(gd.name(), sgd.name() + " (batch " + batch + ")"),
                List.of(new Color(200, 40, 40), new Color(20, 140, 90)),
                List.of(caption(gd, examples, examples), caption(sgd, batch, examples)),
                String.format(Locale.ROOT, "principal direction 1 (%.0f%% of the paths' spread)", 100 * plane.share1()),
                String.format(Locale.ROOT, "principal direction 2 (%.0f%%)", 100 * plane.share2()));
        AtomicFile.write(out, LandscapePlot.png(f));
        AtomicFile.write(svg, LandscapePlot.svg(f));
        printSummary(o, probe, gd, sgd, plane, ex, ey);
        o.println("wrote " + out + " and " + svg);
        o.flush();
        return 0;
    }

    /** {@code grid} values from lo to hi, evenly spaced. */
    private double[] axis(double lo, double hi) {
        double[] v = new double[grid];
        for (int i = 0; i < grid; i++) {
            v[i] = lo + (hi - lo) * i / (grid - 1);
        }
        return v;
    }

    /** The cost at every point (as[i], bs[j]) of the plane, on the evaluation examples. */
    private static double[][] costGrid(
            Network probe, Trajectories.Plane plane, double[] as, double[] bs, float[][] ex, float[][] ey) {
        double[][] cost = new double[as.length][bs.length];
        try (MultilayerPerceptron mlp = MultilayerPerceptron.of(probe, Options.defaultThreads())) {
            for (int i = 0; i < as.length; i++) {
                for (int j = 0; j < bs.length; j++) {
                    cost[i][j] = Trajectories.cost(mlp, plane.point(as[i], bs[j]), ex, ey);
                }
            }
        }
        return cost;
    }

    /** Each path's steps, time and final cost, and the plane's share of their spread. */
    private void printSummary(
            PrintWriter o,
            Network probe,
            Trajectories.Path gd,
            Trajectories.Path sgd,
            Trajectories.Plane plane,
            float[][] ex,
            float[][] ey) {
        try (MultilayerPerceptron one = MultilayerPerceptron.of(probe, 1)) {
            o.printf(
                    Locale.ROOT,
                    "batch gradient descent: %d steps of %d examples, %.2f s, final cost %.4f%n",
                    gd.steps(),
                    examples,
                    gd.seconds(),
                    Trajectories.cost(one, gd.points().get(gd.points().size() - 1), ex, ey));
            o.printf(
                    Locale.ROOT,
                    "minibatch SGD: %d steps of %d examples, %.2f s, final cost %.4f%n",
                    sgd.steps(),
                    batch,
                    sgd.seconds(),
                    Trajectories.cost(one, sgd.points().get(sgd.points().size() - 1), ex, ey));
        }
        o.printf(
                Locale.ROOT,
                "plane: %.0f%% and %.0f%% of the paths' spread%n",
                100 * plane.share1(),
                100 * plane.share2());
    }

    private static String caption(Trajectories.Path p, int perStep, int examples) {
        return String.format(
                Locale.ROOT,
                "%,d steps x %,d examples = %,d examples,%n%.1f s; a dot every %,d step(s)",
                p.steps(),
                perStep,
                p.examples(),
                p.seconds(),
                Math.max(1, p.steps() / (p.points().size() - 1)));
    }

    private static double[][] project(Trajectories.Plane plane, List<double[]> points) {
        double[][] xy = new double[points.size()][];
        for (int i = 0; i < xy.length; i++) {
            xy[i] = plane.coordinates(points.get(i));
        }
        return xy;
    }

    /** The bounding box of both paths with a margin of a fifth on every side. */
    private static double[] range(double[][] a, double[][] b) {
        double[] r = {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};
        for (double[][] pts : new double[][][] {a, b}) {
            for (double[] p : pts) {
                r[0] = Math.min(r[0], p[0]);
                r[1] = Math.max(r[1], p[0]);
                r[2] = Math.min(r[2], p[1]);
                r[3] = Math.max(r[3], p[1]);
            }
        }
        double mx = Math.max(1e-9, (r[1] - r[0]) * 0.2);
        double my = Math.max(1e-9, (r[3] - r[2]) * 0.2);
        return new double[] {r[0] - mx, r[1] + mx, r[2] - my, r[3] + my};
    }
}
