package org.mlp4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlp4j.io.ModelFile;

/**
 * A real Spark standalone cluster: a Master and a Worker in their own JVMs, bound to loopback, started
 * from the test's class path, whose executors are JVMs of their own (so serialization and class paths are
 * exercised for real). The same job trained there, trained there while one executor is killed, and
 * trained in local[2] gives the same model, bit for bit; so does a driver whose executors have no mlp4j
 * classes at all, which ships its jars itself, as {@code spark-train --master spark://…} does. Every process
 * started here is stopped here.
 */
class ClusterTest {
    @TempDir
    static Path dir;

    private static final List<Process> STARTED = new ArrayList<>();
    private static String master;
    private static String classPath;
    /** The test's class path with mlp4j's classes in jars, which the driver ships through spark.jars. */
    private static String shippingClassPath;

    /** mlp4j's own classes: a module's target/classes or test-classes, or an mlp4j jar. */
    private static boolean isMlp4j(Path p) {
        String s = p.toAbsolutePath().toString();
        return s.contains("mlp4j-core")
                || s.contains("mlp4j-spark")
                || p.getFileName().toString().startsWith("mlp4j");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static List<String> jvm(String heap) {
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx" + heap, "--add-modules", "jdk.incubator.vector"));
        cmd.addAll(List.of(SparkJvm.OPTIONS.split(" ")));
        return cmd;
    }

    private static Process start(List<String> cmd, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", dir.resolve("spark-home").toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        STARTED.add(p);
        return p;
    }

    private static void waitFor(Path log, String text) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            if (Files.exists(log)
                    && Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no '" + text + "' in " + log + ":\n" + Files.readString(log));
    }

    @BeforeAll
    static void startCluster() throws Exception {
        // SPARK_HOME/jars: the runtime jars executors start with (links to the test's class path)
        Path jars = Files.createDirectories(dir.resolve("spark-home").resolve("jars"));
        List<String> dirs = new ArrayList<>();
        List<String> shipped = new ArrayList<>(); // the driver's class path when it ships mlp4j itself
        List<Path> mlp4jFolders = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            boolean mlp4j = isMlp4j(p);
            if (mlp4j && Files.isDirectory(p) && !p.endsWith("test-classes")) {
                mlp4jFolders.add(p); // bundled into a jar below
            } else {
                shipped.add(entry);
            }
            if (mlp4j) {
                // never in SPARK_HOME/jars: a cluster gets mlp4j from the executor class path (these tests)
                // or from spark.jars (what spark-train sets), not from a jar linked into Spark by hand
                dirs.add(p.toAbsolutePath().toString());
            } else if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
                Path link = jars.resolve(p.getFileName());
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, p.toAbsolutePath());
                }
            } else if (Files.isDirectory(p)) {
                dirs.add(p.toAbsolutePath().toString()); // target/classes and test-classes
            }
        }
        classPath = System.getProperty("java.class.path");
        System.setProperty("mlp4j.executorClassPath", String.join(File.pathSeparator, dirs));
        for (int i = 0; i < mlp4jFolders.size(); i++) {
            Path jar = dir.resolve("mlp4j-" + i + ".jar");
            int rc = java.util.spi.ToolProvider.findFirst("jar")
                    .orElseThrow()
                    .run(
                            System.out,
                            System.err,
                            "--create",
                            "--file",
                            jar.toString(),
                            "-C",
                            mlp4jFolders.get(i).toString(),
                            ".");
            assertThat(rc).isZero();
            shipped.add(jar.toString());
        }
        shippingClassPath = String.join(File.pathSeparator, shipped);
        int port = freePort();
        master = "spark://127.0.0.1:" + port;
        Path masterLog = dir.resolve("master.log");
        List<String> m = jvm("512m");
        m.addAll(List.of(
                "-cp",
                classPath,
                "org.apache.spark.deploy.master.Master",
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--webui-port",
                Integer.toString(freePort())));
        start(m, masterLog);
        waitFor(masterLog, "I have been elected leader");
        Path workerLog = dir.resolve("worker.log");
        List<String> w = jvm("512m");
        w.addAll(List.of(
                "-cp",
                classPath,
                "org.apache.spark.deploy.worker.Worker",
                master,
                "--host",
                "127.0.0.1",
                "--cores",
                "2",
                "--memory",
                "2g",
                "--work-dir",
                dir.resolve("work").toString(),
                "--webui-port",
                Integer.toString(freePort())));
        start(w, workerLog);
        waitFor(workerLog, "Successfully registered with master");
    }

    @AfterAll
    static void stopCluster() {
        for (Process p : STARTED) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    /** What the last driver printed. */
    private static String lastPrinted;

    private static byte[] drive(String... extra) throws Exception {
        Path out = dir.resolve("model-" + System.nanoTime() + ".safetensors");
        Path log = dir.resolve(out.getFileName() + ".log");
        List<String> cmd = jvm("1g");
        boolean ship = extra.length > 0 && extra[0].equals("ship");
        if (!ship) {
            cmd.add("-Dmlp4j.executorClassPath=" + System.getProperty("mlp4j.executorClassPath"));
        }
        cmd.addAll(List.of(
                "-cp", ship ? shippingClassPath : classPath, ClusterDriver.class.getName(), master, out.toString()));
        cmd.addAll(List.of(extra));
        Process p = start(cmd, log);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the driver ends").isTrue();
        String printed = Files.readString(log);
        lastPrinted = printed;
        assertThat(p.exitValue()).as(printed).isZero();
        assertThat(printed).contains("done");
        if (ship) {
            assertThat(printed).as("the driver shipped mlp4j's jars").contains("spark.jars: ", "mlp4j-0.jar");
        } else if (extra.length > 0 && extra[0].equals("halt-in-task")) {
            // the task that was running is lost with its executor, and Spark runs it again
            assertThat(Path.of(out + ".halted"))
                    .as("an executor halted in a task")
                    .exists();
            assertThat(printed).as(printed).contains("ExecutorLostFailure");
        } else if (extra.length > 0 && extra[0].equals("csv")) {
            System.out.println("driver of a CSV file the executors read:\n" + printed);
        } else if (extra.length > 0 && extra[0].equals("out-of-core")) {
            System.out.println("driver of data larger than storage memory:\n" + printed);
        } else if (extra.length > 0) {
            System.out.println("driver with an executor killed:\n" + printed);
            assertThat(printed).contains("killing executor");
            // once the replacement executor is up, it takes its share of the last epoch's 16 tasks rather than
            // the survivor, which rebuilt the lost shard, running them all (spark.locality.wait 0: measured
            // 10 and 6; with Spark's default 3 s wait, 16 and none)
            java.util.regex.Matcher after = java.util.regex.Pattern.compile(
                            "tasks per executor after the loss: \\{(.*)}")
                    .matcher(printed);
            assertThat(after.find()).isTrue();
            List<Integer> counts = java.util.Arrays.stream(after.group(1).split(", "))
                    .map(e -> Integer.parseInt(e.substring(e.indexOf('=') + 1)))
                    .toList();
            assertThat(counts)
                    .as(after.group())
                    .hasSize(2)
                    .allSatisfy(c -> assertThat(c).isGreaterThanOrEqualTo(4));
            // Spark noticed, and ran the lost work again
            assertThat(printed).containsAnyOf("Lost executor", "lost executor", "Executor lost", "ExecutorLostFailure");
        }
        return Files.readAllBytes(out);
    }

    @Test
    void theClusterTrainsTheSameBitsAsLocalModeEvenWhenAnExecutorDies() throws Exception {
        byte[] cluster = drive();
        byte[] killed = drive("kill");
        byte[] haltedInTask = drive("halt-in-task");
        byte[] shipped = drive("ship");
        byte[] local = ModelFile.encode(ClusterDriver.train(SparkTests.jsc(), null), Map.of());
        assertThat(cluster).as("the cluster's model equals local[2]'s").isEqualTo(local);
        assertThat(killed).as("an executor killed mid-training changes nothing").isEqualTo(cluster);
        assertThat(haltedInTask)
                .as("an executor dying inside a running task changes nothing")
                .isEqualTo(cluster);
        try (Stream<Path> logs = Files.walk(dir.resolve("work"))) {
            List<Path> stderr = logs.filter(f -> f.getFileName().toString().equals("stderr"))
                    .toList();
            assertThat(stderr).as("executor logs").isNotEmpty();
            String all =
                    String.join("\n", stderr.stream().map(ClusterTest::read).toList());
            assertThat(all).contains("mlp4j on this executor: vector kernels");
        }
    }

    @Test
    void dataLargerThanTheExecutorsStorageMemoryTrainsFromShardsOnDiskToTheSameBits() throws Exception {
        byte[] cluster = drive("out-of-core");
        String printed = lastPrinted;
        long storage = number(printed, "storage memory per executor: (\\d+) bytes");
        long data = number(printed, "data: (\\d+) bytes");
        assertThat(data / 2)
                .as("each executor's shard is larger than its storage memory")
                .isGreaterThan(storage);
        java.util.regex.Matcher epochs = java.util.regex.Pattern.compile(
                        "epoch (\\d): shards cached (\\d+) of (\\d+), memory (\\d+) bytes, disk (\\d+) bytes")
                .matcher(printed);
        int seen = 0;
        while (epochs.find()) {
            seen++;
            assertThat(epochs.group(2)).as(epochs.group()).isEqualTo("2").isEqualTo(epochs.group(3));
            // what Spark caches is the small objects that map the files, never a spilled block that every
            // round would read and deserialise again
            assertThat(Long.parseLong(epochs.group(5))).as(epochs.group()).isZero();
            assertThat(Long.parseLong(epochs.group(4))).as(epochs.group()).isLessThan(data / 20);
        }
        assertThat(seen).as("both epochs reported the cache").isEqualTo(2);
        byte[] local = ModelFile.encode(ClusterDriver.trainLarge(SparkTests.spark(), null), Map.of());
        assertThat(cluster).as("the same model as local[2]'s").isEqualTo(local);
    }

    @Test
    void aCsvFileTheExecutorsReadTrainsTheSameBitsAsLocalMode() throws Exception {
        Path csv = dir.resolve("blobs.csv");
        ClusterDriver.writeCsv(csv);
        String uri = csv.toUri().toString();
        // the executors, separate JVMs, read the file's splits and send back their summaries and shards
        byte[] cluster = drive("csv", uri);
        byte[] local = ModelFile.encode(ClusterDriver.trainCsv(SparkTests.spark(), uri), Map.of());
        assertThat(cluster).as("the same model as local[2]'s").isEqualTo(local);
    }

    private static long number(String text, String pattern) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(pattern).matcher(text);
        assertThat(m.find()).as(pattern + " in:\n" + text).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }
}
