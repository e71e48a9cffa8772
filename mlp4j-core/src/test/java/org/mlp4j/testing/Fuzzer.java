package org.mlp4j.testing;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;
import org.mlp4j.InvalidInputException;
import org.mlp4j.math.Rng;

/**
 * A seeded mutation fuzzer shared by the readers' fuzz tests (Jazzer's coverage guidance is not used: a
 * plain loop keeps the suite free of agents and runs anywhere). Each target gets {@link #inputs()} mutated
 * inputs: 100,000 in a local build, MLP4J_FUZZ_INPUTS in CI (1,000,000). The only outcomes allowed are a
 * valid answer or the documented {@link InvalidInputException}: any other exception, an OutOfMemoryError or
 * a StackOverflowError fails with the seed and iteration that reproduce it, and a loop that outlives
 * {@link #budget()} fails as a hang.
 */
public final class Fuzzer {
    private Fuzzer() {}

    /** Inputs per target: MLP4J_FUZZ_INPUTS, default 100,000. */
    public static int inputs() {
        String v = System.getenv("MLP4J_FUZZ_INPUTS");
        return v == null || v.isBlank() ? 100_000 : Integer.parseInt(v.trim());
    }

    /** Time allowed for one target: MLP4J_FUZZ_SECONDS, default 600 s. */
    public static Duration budget() {
        String v = System.getenv("MLP4J_FUZZ_SECONDS");
        return Duration.ofSeconds(v == null || v.isBlank() ? 600 : Long.parseLong(v.trim()));
    }

    /**
     * Feeds {@link #inputs()} mutations of {@code seed} to {@code target}; returns {accepted, rejected} and
     * prints them with the time taken.
     */
    public static int[] fuzz(String name, byte[] seed, long rngSeed, Consumer<byte[]> target) {
        int n = inputs();
        long t0 = System.nanoTime();
        int[] outcome = assertTimeoutPreemptively(
                budget(),
                () -> run(seed, rngSeed, n, target),
                () -> "fuzz " + name + ": did not finish " + n + " inputs within " + budget() + " (a hang?)");
        System.out.printf(
                Locale.ROOT,
                "fuzz %s: %d inputs, %d accepted, %d rejected with the documented error, %.1f s%n",
                name,
                n,
                outcome[0],
                outcome[1],
                (System.nanoTime() - t0) / 1e9);
        return outcome;
    }

    private static int[] run(byte[] seed, long rngSeed, int n, Consumer<byte[]> target) {
        Rng rng = new Rng(rngSeed);
        int accepted = 0;
        int rejected = 0;
        for (int iteration = 0; iteration < n; iteration++) {
            byte[] input = mutate(seed, rng);
            try {
                target.accept(input);
                accepted++;
            } catch (InvalidInputException expected) {
                rejected++;
            } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                throw new AssertionError(
                        "seed " + rngSeed + ", iteration " + iteration + ": " + e + " for input "
                                + Arrays.toString(Arrays.copyOf(input, Math.min(64, input.length))),
                        e);
            }
        }
        return new int[] {accepted, rejected};
    }

    public static byte[] mutate(byte[] seed, Rng rng) {
        byte[] b = seed.clone();
        int edits = 1 + rng.nextInt(4);
        for (int e = 0; e < edits; e++) {
            switch (rng.nextInt(7)) {
                case 0 -> { // flip a bit
                    if (b.length > 0) {
                        int i = rng.nextInt(b.length);
                        b[i] ^= (byte) (1 << rng.nextInt(8));
                    }
                }
                case 1 -> b = Arrays.copyOf(b, rng.nextInt(b.length + 1)); // truncate
                case 2 -> { // insert random bytes
                    int at = rng.nextInt(b.length + 1);
                    int n = 1 + rng.nextInt(16);
                    byte[] c = new byte[b.length + n];
                    System.arraycopy(b, 0, c, 0, at);
                    for (int i = 0; i < n; i++) {
                        c[at + i] = (byte) rng.nextInt(256);
                    }
                    System.arraycopy(b, at, c, at + n, b.length - at);
                    b = c;
                }
                case 3 -> { // a lying length or dimension in the first 24 bytes
                    if (b.length >= 8) {
                        int at = rng.nextInt(Math.min(b.length, 24) - 3);
                        long v = switch (rng.nextInt(4)) {
                            case 0 -> Integer.MAX_VALUE;
                            case 1 -> -1L;
                            case 2 -> rng.nextInt(1 << 20);
                            default -> 0;
                        };
                        ByteBuffer.wrap(b)
                                .order(rng.nextInt(2) == 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN)
                                .putInt(at, (int) v);
                    }
                }
                case 4 -> { // change a digit (offsets, shapes, versions in a JSON header)
                    for (int tries = 0; tries < 32 && b.length > 0; tries++) {
                        int i = rng.nextInt(b.length);
                        if (b[i] >= '0' && b[i] <= '9') {
                            b[i] = (byte) ('0' + rng.nextInt(10));
                            break;
                        }
                    }
                }
                case 5 -> { // overwrite a byte with a JSON-significant character
                    if (b.length > 0) {
                        byte[] special = "{}[]\",:-\\u0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                        b[rng.nextInt(b.length)] = special[rng.nextInt(special.length)];
                    }
                }
                default -> { // duplicate a chunk
                    if (b.length > 1) {
                        int from = rng.nextInt(b.length);
                        int len = 1 + rng.nextInt(Math.min(64, b.length - from));
                        byte[] c = Arrays.copyOf(b, b.length + len);
                        System.arraycopy(b, from, c, b.length, len);
                        b = c;
                    }
                }
            }
        }
        return b;
    }
}
