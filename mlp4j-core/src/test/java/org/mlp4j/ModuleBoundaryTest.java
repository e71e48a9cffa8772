package org.mlp4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module as an application on the module path sees it: the API packages exported, the internals
 * not, and the library working there (its named recipes are resources inside the module).
 */
class ModuleBoundaryTest {
    static final Path CLASSES = Path.of("target", "classes");

    @TempDir
    Path dir;

    @Test
    void theModuleExportsExactlyTheApiPackages() {
        ModuleDescriptor d =
                ModuleFinder.of(CLASSES).find("org.mlp4j.core").orElseThrow().descriptor();
        Set<String> exported =
                d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        assertThat(exported)
                .containsExactlyInAnyOrder(
                        "org.mlp4j",
                        "org.mlp4j.data",
                        "org.mlp4j.eval",
                        "org.mlp4j.io",
                        "org.mlp4j.math",
                        "org.mlp4j.model",
                        "org.mlp4j.recipe",
                        "org.mlp4j.train");
        assertThat(d.packages())
                .contains(
                        "org.mlp4j.internal",
                        "org.mlp4j.engine",
                        "org.mlp4j.kernels",
                        "org.mlp4j.sgd",
                        "org.mlp4j.sgd.optim");
        assertThat(d.exports()).allSatisfy(e -> assertThat(e.isQualified()).isFalse());
        assertThat(d.requires().stream()
                        .filter(r -> !r.name().startsWith("java.") && !r.name().startsWith("jdk."))
                        .allMatch(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC)))
                .as("no runtime dependency outside the JDK")
                .isTrue();
    }

    @Test
    void anApplicationModuleUsesTheApiButCannotReachTheInternals() throws Exception {
        Path src = dir.resolve("src/app");
        Files.createDirectories(src.resolve("app"));
        Files.writeString(src.resolve("module-info.java"), "module app { requires org.mlp4j.core; }\n");
        Files.writeString(
                src.resolve("app/Main.java"),
                "package app;\npublic class Main {\n"
                        + "    public static void main(String[] args) {\n"
                        + "        var plan = org.mlp4j.recipe.Recipe.named(\"fast-98\").plan(60_000, 28);\n"
                        + "        System.out.println(java.util.Arrays.toString(plan.sizes()) + \" \" + plan.epochs());\n"
                        + "    }\n}\n");
        Path out = dir.resolve("out");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int compiled = ToolProvider.getSystemJavaCompiler()
                .run(
                        null,
                        null,
                        err,
                        "-d",
                        out.toString(),
                        "--module-path",
                        CLASSES.toString(),
                        src.resolve("module-info.java").toString(),
                        src.resolve("app/Main.java").toString());
        assertThat(compiled).as(err.toString(StandardCharsets.UTF_8)).isZero();
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--add-modules",
                        "jdk.incubator.vector",
                        "--module-path",
                        CLASSES + java.io.File.pathSeparator + out,
                        "-m",
                        "app/app.Main")
                .redirectErrorStream(true)
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(printed).isZero();
        assertThat(printed).contains("[784, 384, 10] 3");

        Files.writeString(
                src.resolve("app/Main.java"),
                "package app;\npublic class Main {\n"
                        + "    float f = org.mlp4j.internal.CsvLines.number(\"1\", \"x\");\n}\n");
        err.reset();
        compiled = ToolProvider.getSystemJavaCompiler()
                .run(
                        null,
                        null,
                        err,
                        "-d",
                        out.toString(),
                        "--module-path",
                        CLASSES.toString(),
                        src.resolve("module-info.java").toString(),
                        src.resolve("app/Main.java").toString());
        assertThat(compiled).isNotZero();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("org.mlp4j.internal")
                .contains("not visible");
    }
}
