package org.mlp4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.math.Rng;
import org.mlp4j.testing.MarkdownBlocks;

/**
 * docs/library.md's examples, compiled and run as written: each block marked {@code java runnable} becomes
 * the body of a {@code main} method with the imports the guide lists, compiled by the JDK's compiler against
 * this build with the core on the module path (so only its exported API is visible), and run in a child JVM
 * in one fresh folder (later blocks use the files earlier ones saved).
 */
class LibraryGuideTest {
    static final String IMPORTS = "import org.mlp4j.*; import org.mlp4j.data.*; import org.mlp4j.datasets.*;"
            + " import org.mlp4j.eval.*; import org.mlp4j.math.*; import org.mlp4j.model.*; import org.mlp4j.recipe.*; import org.mlp4j.train.*;"
            + " import java.nio.file.*; import java.util.*;";

    @TempDir
    Path dir;

    /** The guide's flowers.csv: three species in three numeric columns, with a header. */
    private void writeFlowers() throws Exception {
        Rng rng = new Rng(5);
        StringBuilder csv = new StringBuilder("petal_mm,sepal_mm,weight_g,species\n");
        String[] species = {"setosa", "versicolor", "virginica"};
        for (int i = 0; i < 300; i++) {
            int c = i % 3;
            csv.append(String.format(
                    Locale.ROOT,
                    "%.1f,%.1f,%.2f,%s%n",
                    40 + 12 * c + 3 * rng.nextGaussian(),
                    30 - 2 * c + 2 * rng.nextGaussian(),
                    2 + 0.6 * c + 0.3 * rng.nextGaussian(),
                    species[c]));
        }
        Files.writeString(dir.resolve("flowers.csv"), csv);
    }

    @Test
    void theGuidesExamplesCompileAndRun() throws Exception {
        List<String> blocks =
                MarkdownBlocks.fenced(Files.readAllLines(Path.of("..", "docs", "library.md")), "java runnable");
        assertThat(blocks).as("runnable blocks in docs/library.md").hasSizeGreaterThanOrEqualTo(3);
        writeFlowers();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        // the core as a named module: the guide can use only what module-info exports, as a user's code can
        String classpath = ExportedApiOnlyTest.classPathWithoutCore() + File.pathSeparator + dir;
        String modulePath = ExportedApiOnlyTest.core().toString();
        for (int i = 0; i < blocks.size(); i++) {
            String name = "GuideExample" + (i + 1);
            Path source = Files.writeString(
                    dir.resolve(name + ".java"),
                    IMPORTS + "\npublic class " + name
                            + " {\n    public static void main(String[] args) throws Exception {\n" + blocks.get(i)
                            + "    }\n}\n");
            Path errors = dir.resolve(name + ".javac");
            int compiled;
            try (var err = Files.newOutputStream(errors)) {
                compiled = javac.run(
                        null,
                        null,
                        err,
                        "-d",
                        dir.toString(),
                        "-cp",
                        classpath,
                        "--module-path",
                        modulePath,
                        "--add-modules",
                        "jdk.incubator.vector,org.mlp4j.core",
                        source.toString());
            }
            assertThat(compiled)
                    .as("block " + (i + 1) + " compiles:\n" + Files.readString(errors))
                    .isZero();
            Path out = dir.resolve(name + ".out");
            Process p = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "--add-modules",
                            "jdk.incubator.vector,org.mlp4j.core",
                            "--module-path",
                            modulePath,
                            "-cp",
                            classpath,
                            name)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue())
                    .as("block " + (i + 1) + " runs:\n" + Files.readString(out))
                    .isZero();
            System.out.println("docs/library.md block " + (i + 1) + ":\n"
                    + Files.readString(out).strip());
        }
        assertThat(dir.resolve("digits.safetensors")).exists();
        assertThat(dir.resolve("flowers.safetensors")).exists();
    }
}
