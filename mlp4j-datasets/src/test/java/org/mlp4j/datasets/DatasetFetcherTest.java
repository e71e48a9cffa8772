package org.mlp4j.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.InvalidInputException;

/** The fetcher against a real HTTP server on loopback serving small files. */
class DatasetFetcherTest {
    @TempDir
    Path tmp;

    private HttpServer server;
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final List<String> requests = new ArrayList<>();
    private final byte[] alpha = "alpha file content".getBytes(StandardCharsets.UTF_8);
    private final byte[] beta = "beta file content, a little longer".getBytes(StandardCharsets.UTF_8);
    private DatasetSpec spec;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            synchronized (requests) {
                requests.add(path);
            }
            byte[] body = served.get(path);
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
            ex.close();
        });
        server.start();
        spec = new DatasetSpec(
                "toy",
                List.of(new DatasetSpec.FileSpec("alpha", sha(alpha)), new DatasetSpec.FileSpec("beta", sha(beta))),
                List.of(),
                null,
                null);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String base(String prefix) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + prefix;
    }

    private FetchOptions options(Path userDir, List<String> mirrors) {
        return new FetchOptions(userDir, tmp.resolve("cache"), mirrors, null, Duration.ofSeconds(5), null);
    }

    static String sha(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    @Test
    void downloadsVerifiesAndCaches() throws IOException {
        served.put("/m1/alpha.gz", gzip(alpha));
        served.put("/m1/beta.gz", gzip(beta));
        List<Path> got = new DatasetFetcher(spec, options(null, List.of(base("/m1/")))).fetch();
        assertThat(Files.readAllBytes(got.get(0))).isEqualTo(alpha);
        assertThat(Files.readAllBytes(got.get(1))).isEqualTo(beta);
        assertThat(got.get(0)).isEqualTo(tmp.resolve("cache/toy/alpha"));
        // second time: from the cache, no request
        requests.clear();
        new DatasetFetcher(spec, options(null, List.of(base("/m1/")))).fetch();
        assertThat(requests).isEmpty();
    }

    @Test
    void corruptMirrorIsSkippedAndNeverCached() throws IOException {
        served.put("/bad/alpha.gz", gzip("tampered".getBytes(StandardCharsets.UTF_8)));
        served.put("/bad/beta.gz", gzip(beta));
        served.put("/good/alpha.gz", gzip(alpha));
        List<Path> got = new DatasetFetcher(spec, options(null, List.of(base("/bad/"), base("/good/")))).fetch();
        assertThat(Files.readAllBytes(got.get(0))).isEqualTo(alpha);
        assertThat(requests).contains("/bad/alpha.gz", "/good/alpha.gz");
        try (var files = Files.list(tmp.resolve("cache/toy"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("alpha", "beta");
        }
    }

    @Test
    void truncatedDownloadLeavesNoFile() throws IOException {
        byte[] gz = gzip(alpha);
        served.put("/cut/alpha.gz", java.util.Arrays.copyOf(gz, gz.length - 6));
        FetchOptions o = options(null, List.of(base("/cut/")));
        assertThatThrownBy(() -> new DatasetFetcher(spec, o).fetch())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("/cut/alpha.gz");
        try (var files = Files.list(tmp.resolve("cache/toy"))) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void userDirectoryComesFirstAndMayHoldGzip() throws IOException {
        Path user = Files.createDirectories(tmp.resolve("user"));
        Files.write(user.resolve("alpha.gz"), gzip(alpha));
        Files.write(user.resolve("beta"), beta);
        List<Path> got = new DatasetFetcher(spec, options(user, List.of(base("/none/")))).fetch();
        assertThat(got).containsExactly(user.resolve("alpha.gz"), user.resolve("beta"));
        assertThat(requests).isEmpty();
    }

    @Test
    void systemPackageDirectoryIsUsedAfterTheCache() throws IOException {
        Path system = Files.createDirectories(tmp.resolve("usr-share"));
        Files.write(system.resolve("alpha.gz"), gzip(alpha));
        Files.write(system.resolve("beta.gz"), gzip(beta));
        DatasetSpec withSystem = new DatasetSpec(
                "toy", spec.files(), List.of(base("/none/")), null, null, List.of(system.toString()), null);
        List<Path> got = new DatasetFetcher(withSystem, options(null, null)).fetch();
        assertThat(got).containsExactly(system.resolve("alpha.gz"), system.resolve("beta.gz"));
        assertThat(requests).isEmpty();
    }

    @Test
    void corruptCacheFileIsReplaced() throws IOException {
        Path cache = Files.createDirectories(tmp.resolve("cache/toy"));
        Files.write(cache.resolve("alpha"), "rotten".getBytes(StandardCharsets.UTF_8));
        Files.write(cache.resolve("beta"), beta);
        served.put("/m/alpha.gz", gzip(alpha));
        List<Path> got = new DatasetFetcher(spec, options(null, List.of(base("/m/")))).fetch();
        assertThat(Files.readAllBytes(got.get(0))).isEqualTo(alpha);
    }

    @Test
    void whenEverySourceFailsTheMessageListsAttemptsAndManualSteps() {
        FetchOptions o = options(null, List.of(base("/empty/"), "http://127.0.0.1:1/closed/"));
        assertThatThrownBy(() -> new DatasetFetcher(spec, o).fetch())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("could not get the toy files [alpha, beta]")
                .hasMessageContaining("/empty/alpha.gz: HTTP 404")
                .hasMessageContaining("127.0.0.1:1/closed/alpha.gz: unreachable (connection refused)")
                .hasMessageContaining("127.0.0.1:1/closed/beta.gz: skipped (mirror unreachable)")
                .hasMessageContaining("--data DIR")
                .hasMessageContaining(sha(alpha));
    }

    @Test
    void failedMirrorsAreOneLineEachAndNoDownloadIsAnnouncedBeforeAnAnswer() throws IOException {
        served.put("/m/alpha.gz", gzip(alpha));
        served.put("/m/beta.gz", gzip(beta));
        List<String> log = new ArrayList<>();
        FetchOptions o = new FetchOptions(
                null,
                tmp.resolve("cache"),
                List.of("http://127.0.0.1:1/closed/", base("/m/")),
                null,
                Duration.ofSeconds(5),
                log::add);
        new DatasetFetcher(spec, o).fetch();
        assertThat(log)
                .filteredOn(l -> l.contains("/closed/"))
                .containsExactly("mirror http://127.0.0.1:1/closed/alpha.gz: unreachable (connection refused)");
        assertThat(log).noneMatch(l -> l.startsWith("downloading http://127.0.0.1:1/"));
        assertThat(log).contains("got alpha from " + base("/m/"), "got beta from " + base("/m/"));
    }

    @Test
    void aDownloadLargerThanTheFileIsCutOffBeforeItFillsTheDisk() throws IOException {
        byte[] bomb = gzip(new byte[50 << 20]); // 50 MB of zeros in about 50 KB
        served.put("/m/alpha.gz", bomb);
        DatasetSpec sized = new DatasetSpec(
                "toy", List.of(new DatasetSpec.FileSpec("alpha", sha(alpha), alpha.length)), List.of(), null, null);
        FetchOptions o = options(null, List.of(base("/m/")));
        assertThatThrownBy(() -> new DatasetFetcher(sized, o).fetch())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("alpha: larger than the expected " + alpha.length + " bytes; stopped reading");
        try (var files = Files.list(tmp.resolve("cache").resolve("toy"))) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void theUserDirectoryIsAuthoritative() throws IOException {
        served.put("/m/alpha.gz", gzip(alpha));
        served.put("/m/beta.gz", gzip(beta));
        new DatasetFetcher(spec, options(null, List.of(base("/m/")))).fetch(); // a good copy in the cache
        Path user = Files.createDirectories(tmp.resolve("user"));
        Files.write(user.resolve("alpha"), alpha);
        Files.write(user.resolve("beta"), java.util.Arrays.copyOf(beta, 10)); // truncated
        assertThatThrownBy(() -> new DatasetFetcher(spec, options(user, List.of(base("/m/")))).fetch())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(user.resolve("beta") + ": expected the toy file with sha256 " + sha(beta))
                .hasMessageContaining(
                        "found sha256 " + sha(java.util.Arrays.copyOf(beta, 10)) + " (10 bytes uncompressed)");
        Files.delete(user.resolve("beta"));
        assertThatThrownBy(() -> new DatasetFetcher(spec, options(user, List.of(base("/m/")))).fetch())
                .hasMessageContaining("expected beta (raw or .gz), found no such file");
        assertThatThrownBy(() -> new DatasetFetcher(spec, options(tmp.resolve("nowhere"), List.of())).fetch())
                .hasMessageContaining("expected a folder holding the toy files, found nothing");
    }

    @Test
    void defaultMirrorsAreHttpsAndFashionMnistNamesItsDebianPackage() {
        for (DatasetSpec s : List.of(DatasetSpec.MNIST, DatasetSpec.FASHION_MNIST)) {
            assertThat(s.mirrors()).allMatch(m -> m.startsWith("https://"));
            assertThat(s.files()).allMatch(f -> f.size() > 0);
        }
        DatasetSpec unreachable = DatasetSpec.FASHION_MNIST.withMirrors(List.of("http://127.0.0.1:1/"));
        FetchOptions o = new FetchOptions(null, tmp.resolve("cache"), null, null, Duration.ofSeconds(5), null);
        DatasetSpec noSystem = new DatasetSpec(
                unreachable.id(),
                unreachable.files(),
                unreachable.mirrors(),
                null,
                null,
                List.of(tmp.resolve("none").toString()),
                unreachable.systemPackage());
        assertThatThrownBy(() -> new DatasetFetcher(noSystem, o).fetch())
                .hasMessageContaining("apt-get install dataset-fashion-mnist");
    }

    @Test
    void environmentOptions() {
        FetchOptions o = FetchOptions.fromEnvironment(
                null,
                Map.of("MLP4J_DATA", "/d", "MLP4J_CACHE", "/c", "MLP4J_MIRRORS", "http://a/x, http://b/y/", "PATH", ""),
                null);
        assertThat(o.userDir()).isEqualTo(Path.of("/d"));
        assertThat(o.cacheDir()).isEqualTo(Path.of("/c"));
        assertThat(o.mirrors()).containsExactly("http://a/x/", "http://b/y/");
        assertThat(o.npm()).isNull();
    }
}
