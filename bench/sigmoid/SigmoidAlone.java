import org.mlp4j.kernels.Kernels;

/**
 * The hidden layer's sigmoid alone, as one epoch of the article's 784-512-10 runs it: 469 minibatches of 128
 * rows of 512 weighted inputs, on one thread, through the kernels training uses. A profile put 9% of a
 * two-thread epoch in this kernel; this checks that figure against the kernel by itself.
 * Usage (bench/sigmoid/run.sh): java ... SigmoidAlone
 */
public final class SigmoidAlone {
    public static void main(String[] args) {
        Kernels kernels = Kernels.best();
        int n = 128 * 512;
        float[] z = new float[n];
        float[] a = new float[n];
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < n; i++) {
            z[i] = (float) random.nextGaussian() * 3;
        }
        for (int round = 0; round < 6; round++) {
            long t = System.nanoTime();
            for (int b = 0; b < 469; b++) {
                kernels.sigmoid(z, a, 0, n);
            }
            long dt = System.nanoTime() - t;
            System.out.printf("round %d: an epoch of sigmoids %.1f ms, %.2f ns a value%n", round, dt / 1e6, dt / (469.0 * n));
        }
    }
}
