package org.mlp4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlp4j.data.Mnist;
import org.mlp4j.data.TabularDataset;
import org.mlp4j.internal.CsvLines;
import org.mlp4j.math.Rng;
import org.mlp4j.testing.Fuzzer;

/** The core's readers under {@link Fuzzer}: model files, IDX (raw and gzip), CSV, and image preprocessing. */
class FuzzTest {
    @Test
    void modelLoaderFailsOnlyWithTheDocumentedError() {
        byte[] seed = ModelFile.encode(ModelFileTest.small(7), Map.of("note", "fuzz seed"));
        int[] outcomes = Fuzzer.fuzz("model loader", seed, 11, bytes -> ModelFile.decode(bytes, "fuzz"));
        assertThat(outcomes[0] + outcomes[1]).isEqualTo(Fuzzer.inputs());
        assertThat(outcomes[1]).as("mutations rejected").isGreaterThan(Fuzzer.inputs() / 2);
    }

    @Test
    void csvReaderFailsOnlyWithTheDocumentedError() {
        String csv = "width,height,ratio,label\n1.5,2,0.75,a\n3,4e1,-0.1,b\n2.25,1,1e-3,a\n\"7\",8,9,c\n";
        int[] outcomes = Fuzzer.fuzz("CSV", csv.getBytes(StandardCharsets.UTF_8), 14, bytes -> {
            try {
                List<String> lines = CsvLines.read(new StringReader(new String(bytes, StandardCharsets.UTF_8)), "fuzz");
                TabularDataset.parse(lines, "fuzz", "label", null);
                TabularDataset.parse(lines, "fuzz", "label", List.of("a", "b", "c"));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(outcomes[0]).as("valid mutations").isPositive();
        assertThat(outcomes[1]).as("rejected mutations").isPositive();
    }

    /** Grey images of random sizes and contents: blank, one pixel, stripes, noise; the answer is always 784 values in [0, 1]. */
    @Test
    void imagePreprocessingAnswersEveryImage() {
        int[] outcomes = Fuzzer.fuzz("image preprocessing", new byte[] {3, 5, 0, 1, 2, (byte) 255, 7, 9}, 15, bytes -> {
            if (bytes.length < 2) {
                return;
            }
            int h = 1 + (bytes[0] & 0x3f);
            int w = 1 + (bytes[1] & 0x3f);
            Rng rng = new Rng(bytes.length * 31L + bytes[bytes.length - 1]);
            double[][] grey = new double[h][w];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int k = 2 + (y * w + x) % Math.max(1, bytes.length - 2);
                    double v = k < bytes.length ? (bytes[k] & 0xff) / 255.0 : rng.nextDouble();
                    grey[y][x] = (bytes[0] & 0x40) != 0 ? Math.rint(v) : v;
                }
            }
            float[] x = Mnist.digitFromPicture(grey, "fuzz");
            if (x.length != 784) {
                throw new IllegalStateException("expected 784 values, found " + x.length);
            }
            for (float v : x) {
                if (!(v >= 0 && v <= 1)) {
                    throw new IllegalStateException("expected values in [0, 1], found " + v);
                }
            }
        });
        assertThat(outcomes[0] + outcomes[1]).isEqualTo(Fuzzer.inputs());
    }
}
