import java.nio.file.Files;
import java.nio.file.Path;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.mlp4j.kernels.Kernels;

/**
 * Issue 25's first-layer question, measured: the forward product of MNIST's first layer (784 → 512, all
 * 60,000 training images in batches of 128, one thread) by mlp4j's kernel (blocks of four images over the
 * union of their non-zero pixels: about 2 FMAs per loaded vector of W) against a per-image sparse kernel
 * (each image's own non-zero pixels only, eight accumulators, one FMA per loaded vector), the latter with
 * W's rows at each offset from a 64-byte line. Run with -XX:ObjectAlignmentInBytes=64 so that the array's
 * data starts 16 bytes past a line: offset 12 floats is then aligned, the others split every 64-byte load
 * across two lines (as every load of a Java float[] may, since the JVM aligns arrays to 8 bytes only).
 * Usage (bench/first-layer/run.sh): java ... FirstLayer MNIST_DIR
 */
public final class FirstLayer {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int N = 60_000;
    private static final int K = 784;
    private static final int HIDDEN = 512;
    private static final int BATCH = 128;

    public static void main(String[] args) throws Exception {
        byte[] raw = Files.readAllBytes(Path.of(args[0], "train-images-idx3-ubyte"));
        float[] x = new float[N * K];
        for (int i = 0; i < N * K; i++) {
            x[i] = (raw[16 + i] & 0xff) / 255f;
        }
        float[] w = new float[K * HIDDEN + 64];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) Math.sin(i) * 0.03f;
        }
        float[] bias = new float[HIDDEN];
        float[] z = new float[BATCH * HIDDEN];
        Kernels kernels = Kernels.best();
        int[] keys = new int[BATCH * K];
        float[] vals = new float[BATCH * K];
        int[] start = new int[BATCH + 1];
        float[] xb = new float[BATCH * K]; // the batch's rows, as the training engine holds them
        for (int round = 0; round < 5; round++) {
            long t = System.nanoTime();
            for (int b = 0; b + BATCH <= N; b += BATCH) {
                System.arraycopy(x, b * K, xb, 0, BATCH * K);
                kernels.affineRows(xb, K, 0, BATCH, K, w, bias, z, HIDDEN, true);
            }
            System.out.printf("round %d: mlp4j blocks of four %.3f s", round, (System.nanoTime() - t) / 1e9);
            for (int offset : new int[] {0, 4, 8, 12}) {
                t = System.nanoTime();
                for (int b = 0; b + BATCH <= N; b += BATCH) {
                    System.arraycopy(x, b * K, xb, 0, BATCH * K);
                    gatherRows(xb, keys, vals, start);
                    for (int j = 0; j < HIDDEN; j += 8 * L) {
                        for (int r = 0; r < BATCH; r++) {
                            row8(keys, vals, start[r], start[r + 1], w, offset + j, z, r * HIDDEN + j);
                        }
                    }
                }
                System.out.printf(", per-image offset %d: %.3f s", offset, (System.nanoTime() - t) / 1e9);
            }
            System.out.println();
        }
    }

    /** Each image's non-zero pixels, image after image. */
    private static void gatherRows(float[] x, int[] keys, float[] vals, int[] start) {
        int len = 0;
        for (int r = 0; r < BATCH; r++) {
            start[r] = len;
            int off = r * K;
            for (int i = 0; i < K; i++) {
                float v = x[off + i];
                keys[len] = i;
                vals[len] = v;
                len += v != 0f ? 1 : 0;
            }
        }
        start[BATCH] = len;
    }

    /** One image, eight vectors of hidden units: z = Σ over its pixels of x_p · W[p, j ..). */
    private static void row8(int[] keys, float[] vals, int u0, int u1, float[] w, int j, float[] z, int o) {
        FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
        for (int u = u0; u < u1; u++) {
            int base = keys[u] * HIDDEN + j;
            FloatVector v = FloatVector.broadcast(S, vals[u]);
            c0 = FloatVector.fromArray(S, w, base).fma(v, c0);
            c1 = FloatVector.fromArray(S, w, base + L).fma(v, c1);
            c2 = FloatVector.fromArray(S, w, base + 2 * L).fma(v, c2);
            c3 = FloatVector.fromArray(S, w, base + 3 * L).fma(v, c3);
            c4 = FloatVector.fromArray(S, w, base + 4 * L).fma(v, c4);
            c5 = FloatVector.fromArray(S, w, base + 5 * L).fma(v, c5);
            c6 = FloatVector.fromArray(S, w, base + 6 * L).fma(v, c6);
            c7 = FloatVector.fromArray(S, w, base + 7 * L).fma(v, c7);
        }
        c0.intoArray(z, o);
        c1.intoArray(z, o + L);
        c2.intoArray(z, o + 2 * L);
        c3.intoArray(z, o + 3 * L);
        c4.intoArray(z, o + 4 * L);
        c5.intoArray(z, o + 5 * L);
        c6.intoArray(z, o + 6 * L);
        c7.intoArray(z, o + 7 * L);
    }
}
