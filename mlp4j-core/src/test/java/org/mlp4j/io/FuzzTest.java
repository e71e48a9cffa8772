package org.mlp4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.mlp4j.InvalidInputException;
import org.mlp4j.data.IdxFile;
import org.mlp4j.math.Rng;

/**
 * A seeded mutation fuzzer (Jazzer's coverage guidance is not used: a plain loop keeps the suite free
 * of agents and runs anywhere). Each target gets {@value #INPUTS} mutated inputs; the only exception
 * allowed is the documented {@link InvalidInputException} — no other runtime exception, no
 * OutOfMemoryError from a lying header. A failure names the seed and iteration that reproduce it.
 */
class FuzzTest {
    static final int INPUTS = 100_000;

    @Test
    void modelLoaderFailsOnlyWithTheDocumentedError() {
        byte[] seed = ModelFile.encode(ModelFileTest.small(7), Map.of("note", "fuzz seed"));
        int[] outcomes = fuzz(seed, 11, bytes -> ModelFile.decode(bytes, "fuzz"));
        assertThat(outcomes[0] + outcomes[1]).isEqualTo(INPUTS);
        assertThat(outcomes[1]).as("mutations rejected").isGreaterThan(INPUTS / 2);
    }

    @Test
    void idxReaderFailsOnlyWithTheDocumentedError() throws IOException {
        ByteBuffer raw = ByteBuffer.allocate(4 + 12 + 3 * 4 * 5);
        raw.put(new byte[] {0, 0, 8, 3}).putInt(3).putInt(4).putInt(5);
        for (int i = 0; i < 60; i++) {
            raw.put((byte) (i * 37));
        }
        byte[] rawBytes = raw.array();
        int[] plain = fuzz(rawBytes, 12, bytes -> IdxFile.decode(bytes, "fuzz"));
        assertThat(plain[0] + plain[1]).isEqualTo(INPUTS);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(rawBytes);
        }
        int[] zipped = fuzz(gz.toByteArray(), 13, bytes -> IdxFile.decode(bytes, "fuzz"));
        assertThat(zipped[0] + zipped[1]).isEqualTo(INPUTS);
    }

    /** Returns {accepted, rejected}; fails the test on any other outcome. */
    private static int[] fuzz(byte[] seed, long rngSeed, Consumer<byte[]> target) {
        Rng rng = new Rng(rngSeed);
        int accepted = 0;
        int rejected = 0;
        for (int iteration = 0; iteration < INPUTS; iteration++) {
            byte[] input = mutate(seed, rng);
            try {
                target.accept(input);
                accepted++;
            } catch (InvalidInputException expected) {
                rejected++;
            } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                throw new AssertionError("seed " + rngSeed + ", iteration " + iteration + ": " + e + " for input "
                        + Arrays.toString(Arrays.copyOf(input, Math.min(64, input.length))), e);
            }
        }
        return new int[] {accepted, rejected};
    }

    private static byte[] mutate(byte[] seed, Rng rng) {
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
                        ByteBuffer.wrap(b).order(rng.nextInt(2) == 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN)
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
