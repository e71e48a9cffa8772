package org.mlp4j.cli;

import java.util.ArrayList;
import java.util.List;
import org.mlp4j.MultilayerPerceptron;
import org.mlp4j.data.Dataset;
import org.mlp4j.math.Rng;
import org.mlp4j.model.Network;
import org.mlp4j.model.ReferenceNetwork;

/**
 * The article's first figure, computed: batch gradient descent and minibatch SGD from one start, their
 * paths through parameter space projected onto the plane of the paths' two leading principal directions,
 * and the cost on a grid in that plane.
 */
final class Trajectories {
    /** One path: the parameter vectors recorded along it, and what it cost to walk. */
    record Path(String name, List<double[]> points, int steps, long examples, double seconds) {}

    /** The projection: the centre, two orthonormal directions, and the share of variance each explains. */
    record Plane(double[] centre, double[] d1, double[] d2, double share1, double share2) {
        double[] coordinates(double[] theta) {
            double a = 0;
            double b = 0;
            for (int i = 0; i < theta.length; i++) {
                double v = theta[i] - centre[i];
                a += v * d1[i];
                b += v * d2[i];
            }
            return new double[] {a, b};
        }

        double[] point(double a, double b) {
            double[] t = new double[centre.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = centre[i] + a * d1[i] + b * d2[i];
            }
            return t;
        }
    }

    private Trajectories() {}

    static double[] flatten(Network net) {
        double[] t = new double[(int) net.parameterCount()];
        int p = 0;
        for (int l = 0; l < net.layerCount(); l++) {
            for (float v : net.weights(l)) {
                t[p++] = v;
            }
            for (float v : net.biases(l)) {
                t[p++] = v;
            }
        }
        return t;
    }

    static void load(Network net, double[] t) {
        int p = 0;
        for (int l = 0; l < net.layerCount(); l++) {
            float[] w = net.weights(l);
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) t[p++];
            }
            float[] b = net.biases(l);
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) t[p++];
            }
        }
    }

    /**
     * Walks from {@code start} with the article's update_params on minibatches of {@code batch} (the whole
     * set: batch gradient descent), reshuffled every epoch, for {@code steps} steps, recording
     * {@code records} evenly spaced points (the start included).
     */
    static Path walk(
            String name,
            Network start,
            float[][] xs,
            float[][] ys,
            int batch,
            int steps,
            double lr,
            int records,
            long seed) {
        Network net = start.copy();
        Rng rng = new Rng(seed);
        List<double[]> points = new ArrayList<>();
        points.add(flatten(net));
        int n = xs.length;
        int[] order = rng.permutation(n);
        int at = 0;
        long t0 = System.nanoTime();
        long examples = 0;
        int recorded = 1;
        for (int s = 1; s <= steps; s++) {
            if (at + batch > n) {
                order = rng.permutation(n);
                at = 0;
            }
            float[][] bx = new float[batch][];
            float[][] by = new float[batch][];
            for (int i = 0; i < batch; i++) {
                bx[i] = xs[order[at + i]];
                by[i] = ys[order[at + i]];
            }
            at += batch;
            ReferenceNetwork.updateParams(net, bx, by, lr);
            examples += batch;
            if (s >= Math.round((double) recorded * steps / (records - 1))) { // evenly spaced, the last step included
                points.add(flatten(net));
                recorded++;
            }
        }
        return new Path(name, points, steps, examples, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The two leading principal directions of all recorded points, centred on {@code centre}: the top
     * eigenvectors of the points' Gram matrix (a few dozen rows) by power iteration with deflation.
     */
    static Plane plane(List<double[]> points, double[] centre) {
        int m = points.size();
        double[][] d = new double[m][];
        for (int i = 0; i < m; i++) {
            d[i] = new double[centre.length];
            for (int k = 0; k < centre.length; k++) {
                d[i][k] = points.get(i)[k] - centre[k];
            }
        }
        double[][] g = new double[m][m];
        double trace = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = 0; k < centre.length; k++) {
                    s += d[i][k] * d[j][k];
                }
                g[i][j] = s;
                g[j][i] = s;
            }
            trace += g[i][i];
        }
        double[] u1 = topEigenvector(g, null);
        double[] u2 = topEigenvector(g, u1);
        double[] d1 = direction(d, u1);
        double[] d2 = direction(d, u2);
        // make d2 exactly orthogonal to d1 (power iteration leaves a trace of it)
        double dot = 0;
        for (int k = 0; k < d1.length; k++) {
            dot += d1[k] * d2[k];
        }
        for (int k = 0; k < d1.length; k++) {
            d2[k] -= dot * d1[k];
        }
        normalise(d2);
        return new Plane(centre, d1, d2, rayleigh(g, u1) / trace, rayleigh(g, u2) / trace);
    }

    private static double[] topEigenvector(double[][] g, double[] deflate) {
        int m = g.length;
        double[] v = new double[m];
        for (int i = 0; i < m; i++) {
            v[i] = 1.0 + 0.01 * i;
        }
        for (int it = 0; it < 500; it++) {
            if (deflate != null) {
                double p = 0;
                for (int i = 0; i < m; i++) {
                    p += v[i] * deflate[i];
                }
                for (int i = 0; i < m; i++) {
                    v[i] -= p * deflate[i];
                }
            }
            double[] w = new double[m];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    w[i] += g[i][j] * v[j];
                }
            }
            normalise(w);
            v = w;
        }
        return v;
    }

    private static double rayleigh(double[][] g, double[] u) {
        double s = 0;
        for (int i = 0; i < g.length; i++) {
            for (int j = 0; j < g.length; j++) {
                s += u[i] * g[i][j] * u[j];
            }
        }
        return s;
    }

    private static double[] direction(double[][] d, double[] u) {
        double[] v = new double[d[0].length];
        for (int i = 0; i < d.length; i++) {
            for (int k = 0; k < v.length; k++) {
                v[k] += u[i] * d[i][k];
            }
        }
        normalise(v);
        return v;
    }

    private static void normalise(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        double n = Math.sqrt(s);
        for (int i = 0; i < v.length; i++) {
            v[i] = n > 0 ? v[i] / n : 0;
        }
    }

    /** The mean cost per example of the probe's network with parameters {@code theta} on (xs, ys). */
    static double cost(MultilayerPerceptron probe, double[] theta, float[][] xs, float[][] ys) {
        Network net = probe.network();
        load(net, theta);
        float[][] out = probe.feedforward(xs);
        double c = 0;
        for (int i = 0; i < xs.length; i++) {
            for (int j = 0; j < out[i].length; j++) {
                c += net.cost().value(out[i][j], ys[i][j]);
            }
        }
        return c / xs.length;
    }

    /** The examples of a dataset as arrays, inputs and one-hot targets. */
    static float[][][] arrays(Dataset data, int n) {
        float[][] xs = new float[n][];
        float[][] ys = new float[n][];
        for (int i = 0; i < n; i++) {
            xs[i] = data.features(i);
            ys[i] = data.oneHot(i);
        }
        return new float[][][] {xs, ys};
    }
}
