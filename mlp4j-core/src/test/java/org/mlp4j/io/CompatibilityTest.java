package org.mlp4j.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.mlp4j.Model;
import org.mlp4j.TestData;
import org.mlp4j.math.Rng;

/**
 * Model files written by earlier versions stay readable: each file under {@code compat/} was written by
 * the version its name says, with the outputs that version computed for fixed inputs beside it.
 * Regenerate nothing here; add a new pair when the format changes (see {@link #main}). The version 3 file is
 * a regression (784 grey levels standardised, two targets in their own units: price, days), written on
 * 2026-12-05 when version 3 arrived.
 */
class CompatibilityTest {
    static final String[] FILES = {"v1-784-16-10", "v2-784-16-10-gelu-softmax", "v3-784-16-2-regression"};

    /**
     * The examples the kept outputs were computed from, as raw grey levels: the outputs files hold what the
     * network gave for these divided by 255 (within float rounding of the original [0, 1] inputs).
     */
    static float[][] inputs() {
        float[][] x = TestData.inputs(new Rng(2026), 20, 784, 0.8);
        for (float[] row : x) {
            for (int k = 0; k < row.length; k++) {
                row[k] *= 255f;
            }
        }
        return x;
    }

    @Test
    void everyKeptModelFileLoadsAndPredictsAsItDid() throws IOException {
        for (String name : FILES) {
            byte[] bytes = resource("/compat/" + name + ".safetensors");
            Path tmp = Files.createTempFile("compat", ".safetensors");
            try {
                Files.write(tmp, bytes);
                Model model = Model.load(tmp);
                // the name starts with the format version that wrote it: "v2-…"
                assertThat(model.metadata()).containsEntry("format_version", name.substring(1, name.indexOf('-')));
                float[][] got = model.predictBatch(inputs());
                List<String> expected = new String(resource("/compat/" + name + ".outputs.txt"), StandardCharsets.UTF_8)
                        .lines()
                        .toList();
                assertThat(expected).hasSize(got.length);
                for (int i = 0; i < got.length; i++) {
                    String[] want = expected.get(i).trim().split(" ");
                    for (int j = 0; j < want.length; j++) {
                        assertThat(got[i][j])
                                .as("%s example %d output %d", name, i, j)
                                // within 1e-5 of the value's size: a regression answers in its targets' units
                                .isCloseTo(
                                        Float.parseFloat(want[j]),
                                        org.assertj.core.data.Offset.offset(
                                                1e-5f * Math.max(1f, Math.abs(Float.parseFloat(want[j])))));
                    }
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static byte[] resource(String path) {
        try (InputStream in = CompatibilityTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the outputs file for a model file: {@code main(modelPath, outputsPath)}. Used once per kept file. */
    public static void main(String[] args) throws IOException {
        Model model = Model.load(Path.of(args[0]));
        List<String> lines = new ArrayList<>();
        for (float[] row : model.predictBatch(inputs())) {
            StringBuilder sb = new StringBuilder();
            for (float v : row) {
                sb.append(String.format(Locale.ROOT, "%.9g ", v));
            }
            lines.add(sb.toString().trim());
        }
        Files.write(Path.of(args[1]), lines);
    }
}
