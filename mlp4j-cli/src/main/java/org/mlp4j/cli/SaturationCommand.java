package org.mlp4j.cli;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.mlp4j.MultilayerPerceptron;
import org.mlp4j.data.ImageDataset;
import org.mlp4j.io.AtomicFile;
import org.mlp4j.model.Network;
import org.mlp4j.model.ReferenceNetwork;
import org.mlp4j.model.StandardActivation;
import org.mlp4j.model.StandardCost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlp4j saturation}: the article's second picture, the sigmoid and its slope against ReLU, beside
 * what saturation does in the article's own network: the share of units whose σ′(z) is below 0.01 on the
 * first test images, at the start and after training at three learning rates.
 */
@Command(
        name = "saturation",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Draw the sigmoid and its slope beside ReLU, and measure saturation in the article's network: the"
                    + " share of hidden and output units with sigma'(z) < 0.01 on the first test images, at the start and after"
                    + " training the article's recipe at each learning rate."
        })
final class SaturationCommand implements Callable<Integer> {
    /** σ′ below this counts as saturated: the gradient through the unit is under a hundredth of its input. */
    static final double SATURATED = 0.01;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--out",
            description = "The PNG to write (default: ${DEFAULT-VALUE}).",
            defaultValue = "docs/saturation.png")
    Path out;

    @Option(
            names = "--lr",
            split = ",",
            description = "Learning rates (default: ${DEFAULT-VALUE}).",
            defaultValue = "1e-4,0.5,3.0")
    List<Double> rates;

    @Option(
            names = "--epochs",
            description = "Epochs of the article's recipe at each rate (default: ${DEFAULT-VALUE}).",
            defaultValue = "10")
    int epochs;

    @Option(names = "--layers", description = "Layer sizes (default: ${DEFAULT-VALUE}).", defaultValue = "784,512,10")
    String layers;

    @Option(
            names = "--images",
            description = "Test images measured (default: ${DEFAULT-VALUE}).",
            defaultValue = "1000")
    int images;

    @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    long seed;

    @Option(names = "--data", description = "Directory holding the MNIST files.")
    Path data;

    @Override
    public Integer call() {
        int[] sizes = Options.parseLayers(layers);
        AtomicFile.checkWritable(out, "--out");
        PrintWriter o = spec.commandLine().getOut();
        var mnist = Options.loadMnist(data, line -> {});
        ImageDataset test = mnist.test();
        int n = Math.min(images, test.size());
        List<String> labels = new ArrayList<>();
        List<Double> hidden = new ArrayList<>();
        List<Double> output = new ArrayList<>();
        for (int r = -1; r < rates.size(); r++) {
            try (MultilayerPerceptron mlp =
                    new MultilayerPerceptron(sizes, StandardActivation.SIGMOID, StandardCost.QUADRATIC, seed)) {
                String label = "start";
                double accuracy = Double.NaN;
                if (r >= 0) {
                    mlp.fit(mnist.train(), epochs, 128, rates.get(r), null);
                    label = "lr "
                            + new java.math.BigDecimal(Double.toString(rates.get(r)))
                                    .stripTrailingZeros()
                                    .toPlainString();
                    accuracy = mlp.evaluate(test).accuracy();
                }
                double[] shares = saturated(mlp.network(), test, n);
                labels.add(label);
                hidden.add(100 * shares[0]);
                output.add(100 * shares[1]);
                o.printf(
                        Locale.ROOT,
                        "%-9s sigma'(z) < %.2f: %5.1f%% of hidden units, %5.1f%% of output units (first %d test"
                                + " images)%s%n",
                        label,
                        SATURATED,
                        100 * shares[0],
                        100 * shares[1],
                        n,
                        r >= 0
                                ? String.format(Locale.ROOT, "; test accuracy %.4f after %d epochs", accuracy, epochs)
                                : "");
                o.flush();
            }
        }
        AtomicFile.write(
                out,
                sideBySide(
                        BitmapEncoder.getBufferedImage(curves()),
                        BitmapEncoder.getBufferedImage(bars(labels, hidden, output, sizes, n))));
        o.println("wrote " + out);
        o.flush();
        return 0;
    }

    /** Two charts side by side on white, as PNG bytes. */
    private static byte[] sideBySide(BufferedImage left, BufferedImage right) {
        BufferedImage both = new BufferedImage(
                left.getWidth() + right.getWidth(),
                Math.max(left.getHeight(), right.getHeight()),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = both.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, both.getWidth(), both.getHeight());
        g.drawImage(left, 0, 0, null);
        g.drawImage(right, left.getWidth(), 0, null);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(both, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }

    /** The shares of hidden and output units with σ′(z) &lt; 0.01 over the first n images, z from the reference forward pass. */
    static double[] saturated(Network net, ImageDataset test, int n) {
        ReferenceNetwork ref = ReferenceNetwork.of(net);
        long[] count = new long[2];
        long[] total = new long[2];
        for (int i = 0; i < n; i++) {
            double[][] zs = ref.trace(
                            ReferenceNetwork.asDouble(test.features(i)), ReferenceNetwork.asDouble(test.oneHot(i)))
                    .zs();
            for (int l = 0; l < zs.length; l++) {
                int kind = l == zs.length - 1 ? 1 : 0;
                for (double z : zs[l]) {
                    count[kind] += StandardActivation.SIGMOID.derivative(z) < SATURATED ? 1 : 0;
                    total[kind]++;
                }
            }
        }
        return new double[] {(double) count[0] / Math.max(1, total[0]), (double) count[1] / Math.max(1, total[1])};
    }

    private static XYChart curves() {
        XYChart c = new XYChartBuilder()
                .width(560)
                .height(420)
                .title("The sigmoid saturates, ReLU does not")
                .xAxisTitle("z")
                .yAxisTitle("value")
                .build();
        int n = 241;
        double[] z = new double[n];
        double[] s = new double[n];
        double[] ds = new double[n];
        double[] relu = new double[n];
        double[] drelu = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = -6 + 12.0 * i / (n - 1);
            s[i] = StandardActivation.SIGMOID.apply(z[i]);
            ds[i] = StandardActivation.SIGMOID.derivative(z[i]);
            relu[i] = Math.min(StandardActivation.RELU.apply(z[i]), 1.5);
            drelu[i] = StandardActivation.RELU.derivative(z[i]);
        }
        c.addSeries("sigmoid", z, s).setMarker(SeriesMarkers.NONE);
        c.addSeries("sigmoid' (at most 0.25)", z, ds).setMarker(SeriesMarkers.NONE);
        c.addSeries("ReLU (cut at 1.5)", z, relu).setMarker(SeriesMarkers.NONE);
        c.addSeries("ReLU' (0 or 1)", z, drelu).setMarker(SeriesMarkers.NONE);
        c.getStyler().setYAxisMin(-0.05).setYAxisMax(1.55);
        return c;
    }

    private static CategoryChart bars(
            List<String> labels, List<Double> hidden, List<Double> output, int[] sizes, int n) {
        CategoryChart c = new CategoryChartBuilder()
                .width(560)
                .height(420)
                .title("Saturated units (sigmoid' < 0.01), " + Options.layersText(sizes))
                .xAxisTitle("after the article's recipe, first " + n + " test images")
                .yAxisTitle("% of units")
                .build();
        c.addSeries("hidden units", labels, hidden);
        c.addSeries("output units", labels, output);
        c.getStyler().setYAxisMin(0.0).setYAxisMax(100.0);
        return c;
    }
}
