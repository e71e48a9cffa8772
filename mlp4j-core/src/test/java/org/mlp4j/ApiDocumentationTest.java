package org.mlp4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.DocumentationTool;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API as a user reads it: javadoc on the module with every doclint check on ("missing" included:
 * every exported type and member documented, every parameter and return value named). Only the
 * packages module-info.java exports are documented, so this is also what the module hides. Run here
 * rather than only by the javadoc plugin, because the plugin cannot fail on warnings while javac prints
 * its unavoidable "using incubating module" warning for the Vector API.
 */
class ApiDocumentationTest {

    @Test
    void everyExportedElementIsDocumentedAndDoclintIsClean(@TempDir Path out) throws Exception {
        Path sources = Path.of("src/main/java");
        String yamlJar = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> p.contains("snakeyaml-engine"))
                .findFirst()
                .orElseThrow();
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
                    yamlJar,
                    "--source-path",
                    sources.toString(),
                    "--module",
                    "org.mlp4j.core");
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
        assertThat(problems).as("javadoc warnings and errors").isEmpty();
        assertThat(ok).isTrue();
        // the documented packages are exactly the exported ones: the internals stay out
        assertThat(out.resolve("org.mlp4j.core/org/mlp4j/internal")).doesNotExist();
        assertThat(out.resolve("org.mlp4j.core/org/mlp4j/recipe/Recipe.html")).exists();
    }
}
