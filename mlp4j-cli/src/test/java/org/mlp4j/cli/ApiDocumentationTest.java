package org.mlp4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.DocumentationTool;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The API as a user reads it: javadoc on the module with every doclint check on ("missing" included:
 * every exported type and member documented, every parameter and return value named). Only the
 * packages module-info.java exports are documented, so this is also what the module hides. Run here
 * rather than only by the javadoc plugin, because the plugin cannot fail on warnings while javac prints
 * its unavoidable "using incubating module" warning for the Vector API.
 */
class ApiDocumentationTest {

    /** The library modules: their folder, module name, and the jars (by name) their module path needs. */
    static Stream<Arguments> modules() {
        return Stream.of(
                Arguments.of(
                        "mlp4j-core", "org.mlp4j.core", List.of("snakeyaml-engine"), "org/mlp4j/recipe/Recipe.html"),
                Arguments.of(
                        "mlp4j-datasets",
                        "org.mlp4j.datasets",
                        List.of("mlp4j-core", "commons-compress"),
                        "org/mlp4j/datasets/Datasets.html"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("modules")
    void everyExportedElementIsDocumentedAndDoclintIsClean(
            String folder, String module, List<String> needs, String documented, @TempDir Path out) throws Exception {
        Path sources = Path.of("..", folder, "src", "main", "java");
        String modulePath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> !p.endsWith("-tests.jar") && !p.contains("test-classes"))
                .filter(p -> needs.stream()
                        .anyMatch(n -> Path.of(p).getFileName().toString().startsWith(n)
                                || p.contains(File.separator + n + File.separator)))
                .collect(Collectors.joining(File.pathSeparator));
        DocumentationTool javadoc = ToolProvider.getSystemDocumentationTool();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        boolean ok;
        try (StandardJavaFileManager fm = javadoc.getStandardFileManager(diagnostics, null, null)) {
            List<String> options = List.of(
                    "-d",
                    out.toString(),
                    "-quiet",
                    "-Xdoclint:all",
                    "-Xmaxwarns",
                    "10000",
                    "--module-path",
                    modulePath,
                    "--add-modules",
                    "jdk.incubator.vector",
                    "--source-path",
                    sources.toString(),
                    "--module",
                    module);
            ok = javadoc.getTask(null, fm, diagnostics, null, options, null).call();
        }
        List<String> problems = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            String message = d.getMessage(null);
            if (d.getKind() == Diagnostic.Kind.NOTE || message.contains("incubating module")) {
                continue;
            }
            problems.add(
                    (d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ") + message);
        }
        assertThat(problems).as("javadoc warnings and errors in " + module).isEmpty();
        assertThat(ok).isTrue();
        // the documented packages are exactly the exported ones: the internals stay out
        assertThat(out.resolve(module + "/org/mlp4j/internal")).doesNotExist();
        assertThat(out.resolve(module + "/" + documented)).exists();
    }
}
