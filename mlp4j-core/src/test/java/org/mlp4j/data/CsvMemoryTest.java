package org.mlp4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.InvalidInputException;

/**
 * Issue 22, item 4: a large CSV file is read in the memory of its numbers, and one too large for the heap is
 * one clear line. Child JVMs with small heaps; kept apart from the format tests so mutation testing, which
 * reruns those for every mutant, does not rerun this one.
 */
class CsvMemoryTest {
    @TempDir
    Path dir;

    /** A million rows of ten features in a JVM of 400 MB: the reader keeps the floats, not the text. */
    @Test
    void aMillionRowsFitInFourHundredMegabytes() throws Exception {
        Path big = dir.resolve("big.csv");
        try (var w = Files.newBufferedWriter(big, StandardCharsets.UTF_8)) {
            w.write("a,b,c,d,e,f,g,h,i,j,label\n");
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < 1_000_000; i++) {
                row.setLength(0);
                for (int k = 0; k < 10; k++) {
                    row.append((i * 7 + k * 13) % 1000 / 10.0).append(',');
                }
                row.append(i % 3 == 0 ? "yes" : "no").append('\n');
                w.write(row.toString());
            }
        }
        assertThat(Files.size(big)).isGreaterThan(40_000_000L);
        Process p = child("-Xmx400m", big);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("rows 1000000 features 10 classes 2");

        Process small = child("-Xmx48m", big);
        String said = new String(small.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(small.waitFor()).as(said).isEqualTo(2);
        assertThat(said)
                .contains("big.csv: the data does not fit in the JVM's heap (")
                .contains("MLP4J_JAVA_OPTS=-Xmx");
        assertThat(said).doesNotContain("\tat ").doesNotContain("OutOfMemoryError");
    }

    private static Process child(String heap, Path csv) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(
                        java,
                        heap,
                        "-cp",
                        System.getProperty("java.class.path"),
                        ReadOne.class.getName(),
                        csv.toString())
                .redirectErrorStream(true)
                .start();
    }

    /** Reads one CSV file in its own JVM: prints its size, or the one-line refusal with exit 2. */
    public static final class ReadOne {
        public static void main(String[] args) {
            try {
                TabularDataset d = TabularDataset.read(Path.of(args[0]), "label", null);
                System.out.println("rows " + d.size() + " features " + d.features() + " classes " + d.classes());
            } catch (InvalidInputException e) {
                System.out.println(e.getMessage());
                System.exit(2);
            }
        }
    }
}
