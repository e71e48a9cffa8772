package org.mlp4j.cli;

import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A jar for the {@code ./mlp4j} launcher (MLP4J_JAR) whose manifest points at this build's classes: the
 * tests run the launcher script itself before Maven has packaged the real jar.
 */
final class LauncherJar {
    private LauncherJar() {}

    static Path make(Path dir) throws Exception {
        StringBuilder cp = new StringBuilder();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            cp.append(cp.length() == 0 ? "" : " ")
                    .append(Path.of(entry).toAbsolutePath().toUri().toURL().toExternalForm());
        }
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, cp.toString());
        Path jar = dir.resolve("launcher-test.jar");
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
        return jar;
    }
}
