package org.mlp4j.cli.bench;

import java.util.concurrent.atomic.DoubleAdder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * This machine's peak float32 rate, measured: each thread runs twelve independent chains of fused
 * multiply-adds on vector registers of the Vector API's preferred width (enough chains to cover the FMA
 * latency on every FMA pipe of current x86 cores) for a fixed time, and the rates add up. The "sparse limit"
 * of {@code mlp4j bench} is the epoch's necessary work at this rate. Load this class only when the Vector API
 * module is present. Not part of the API.
 */
public final class PeakFlops {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private PeakFlops() {}

    /**
     * Measures the peak on {@code threads} threads at once.
     *
     * @param threads threads running the chains together
     * @param seconds how long each runs, after a warm-up of the same length
     * @return GFLOPS (2 FLOP per lane of each FMA), all threads together
     */
    public static double gflops(int threads, double seconds) {
        DoubleAdder total = new DoubleAdder();
        Thread[] ts = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            ts[t] = new Thread(() -> {
                chains(seconds, null); // compiled by C2 and warm
                chains(seconds, total);
            });
            ts[t].start();
        }
        for (Thread t : ts) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Double.NaN;
            }
        }
        return total.sum() / 1e9;
    }

    /** Runs the chains for about {@code seconds}; adds the FLOP rate to {@code rate} unless null. */
    private static void chains(double seconds, DoubleAdder rate) {
        long t0 = System.nanoTime();
        long deadline = t0 + (long) (seconds * 1e9);
        long rounds = 0;
        float sink = 0;
        while (System.nanoTime() < deadline) {
            sink += block(100_000);
            rounds++;
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        if (rate != null) {
            rate.add(rounds * 100_000.0 * 12 * S.length() * 2 / elapsed);
        }
        if (sink == 42f) {
            System.out.print(""); // keeps the result alive
        }
    }

    private static float block(int iterations) {
        FloatVector x = FloatVector.broadcast(S, 0.999999f);
        FloatVector m = FloatVector.broadcast(S, 1e-7f);
        FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0;
        FloatVector c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (int i = 0; i < iterations; i++) {
            c0 = c0.fma(x, m);
            c1 = c1.fma(x, m);
            c2 = c2.fma(x, m);
            c3 = c3.fma(x, m);
            c4 = c4.fma(x, m);
            c5 = c5.fma(x, m);
            c6 = c6.fma(x, m);
            c7 = c7.fma(x, m);
            c8 = c8.fma(x, m);
            c9 = c9.fma(x, m);
            c10 = c10.fma(x, m);
            c11 = c11.fma(x, m);
        }
        return c0.add(c1)
                .add(c2)
                .add(c3)
                .add(c4)
                .add(c5)
                .add(c6)
                .add(c7)
                .add(c8)
                .add(c9)
                .add(c10)
                .add(c11)
                .reduceLanes(VectorOperators.ADD);
    }
}
