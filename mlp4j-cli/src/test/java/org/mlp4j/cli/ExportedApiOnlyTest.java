package org.mlp4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.Model;

/**
 * The command line and mlp4j-spark use the library only through what it exports: their sources compile,
 * and the command runs, with the core as a named module on the module path, where the packages its
 * module-info does not export ({@code engine}, {@code internal}) are not visible to them. On the class
 * path, where they normally run, a reach into the internals would go unnoticed; here it fails the build.
 */
class ExportedApiOnlyTest {
    @TempDir
    Path out;

    /** Where the core's classes are: its jar, or its classes folder in an IDE (either holds module-info). */
    static Path core() throws URISyntaxException {
        return Path.of(
                Model.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** Everything else the tests see: the CLI's and Spark's dependencies, on the class path. */
    static String classPathWithoutCore() throws URISyntaxException {
        Path core = core();
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> !Path.of(p).equals(core))
                .filter(p -> !p.endsWith("-tests.jar") && !p.contains("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** javac on every source under {@code folder}, the core on the module path; its diagnostics. */
    private String compile(Path folder, String classPath, Path into) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "-d",
                into.toString(),
                "-proc:none",
                "-nowarn",
                "-encoding",
                "UTF-8",
                "--module-path",
                core().toString(),
                "--add-modules",
                "org.mlp4j.core",
                "-cp",
                classPath));
        try (Stream<Path> files = Files.walk(folder)) {
            files.filter(p -> p.toString().endsWith(".java"))
                    .map(Path::toString)
                    .forEach(args::add);
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ToolProvider.getSystemJavaCompiler().run(null, err, err, args.toArray(String[]::new));
        String printed = err.toString(StandardCharsets.UTF_8);
        return status == 0 ? "" : printed.isEmpty() ? "javac failed (" + status + ")" : printed;
    }

    @Test
    void mlp4jSparkCompilesAgainstTheExportedPackagesAlone() throws Exception {
        assertThat(compile(Path.of("..", "mlp4j-spark", "src", "main", "java"), classPathWithoutCore(), out))
                .as("mlp4j-spark reaches past the core's exported API")
                .isEmpty();
    }

    @Test
    void aReachIntoTheInternalsFailsThere() throws Exception {
        Path src = out.resolve("src/org/mlp4j/cli");
        Files.createDirectories(src);
        Files.writeString(
                src.resolve("Reach.java"),
                "package org.mlp4j.cli;\nclass Reach {\n"
                        + "    float f = org.mlp4j.internal.CsvLines.number(\"1\", \"x\");\n}\n");
        String printed = compile(out.resolve("src"), classPathWithoutCore(), out.resolve("classes"));
        assertThat(printed).contains("org.mlp4j.internal").contains("not visible");
    }

    @Test
    void theCommandLineCompilesAndRunsWithTheCoreOnTheModulePath() throws Exception {
        Path classes = out.resolve("classes");
        assertThat(compile(Path.of("src", "main", "java"), classPathWithoutCore(), classes))
                .as("the CLI reaches past the core's exported API")
                .isEmpty();
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--add-modules",
                        "jdk.incubator.vector,org.mlp4j.core",
                        "--module-path",
                        core().toString(),
                        "-cp",
                        classes + File.pathSeparator + classPathWithoutCore(),
                        "org.mlp4j.cli.Main",
                        "gradcheck")
                .redirectErrorStream(true)
                .start();
        String printed = read(p);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(printed).isZero();
        assertThat(printed).contains("passed");
    }

    private static String read(Process p) throws IOException {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
