package org.mlp4j.engine;

import org.mlp4j.model.Activation;
import org.mlp4j.model.Cost;
import org.mlp4j.model.Loss;

/** One example's output row in double precision, per thread: what equation (1) and the cost read. */
record OutputRow(double[] z, double[] a, double[] y, double[] delta, double[] costGradient) {
    static OutputRow of(int outputs) {
        return new OutputRow(
                new double[outputs],
                new double[outputs],
                new double[outputs],
                new double[outputs],
                new double[outputs]);
    }

    /** Row i of the batch's output layer (z, σ(z)) and targets. */
    void load(float[] zs, float[] as, float[] ys, int i) {
        int k = z.length;
        for (int j = 0; j < k; j++) {
            z[j] = zs[i * k + j];
            a[j] = as[i * k + j];
            y[j] = ys[i * k + j];
        }
    }

    /**
     * The summed cost and the number of correct argmaxes of a batch's output layer (z and σ(z), n × outputs)
     * against its targets: {cost, correct}. This row is the scratch each example is read into.
     */
    double[] costAndCorrect(float[] logits, float[] out, Batch b, Activation sigma, Cost cost) {
        int k = z.length;
        double c = 0;
        int correct = 0;
        for (int i = 0; i < b.size(); i++) {
            load(logits, out, b.y, i);
            int best = 0;
            for (int j = 0; j < k; j++) {
                if (out[i * k + j] > out[i * k + best]) {
                    best = j;
                }
            }
            c += Loss.cost(sigma, cost, z, a, y);
            if (best == b.labels[i]) {
                correct++;
            }
        }
        return new double[] {c, correct};
    }
}
